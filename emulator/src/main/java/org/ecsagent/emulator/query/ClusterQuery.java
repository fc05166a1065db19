package org.ecsagent.emulator.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.ecsagent.emulator.query.QueryTokens.Token;

/**
 * A parsed expression of the ECS cluster query language, as ListContainerInstances {@code filter}
 * and {@code memberOf} placement constraints use it:
 *
 * <pre>
 *   attribute:ecs.availability-zone in [us-east-1a, us-east-1b]
 *   attribute:stack exists and not(attribute:role == batch)
 *   ec2InstanceId != i-0123 || runningTasksCount &lt; 2
 *   task:group == service:web
 * </pre>
 *
 * Subjects: {@code attribute:<name>}, {@code agentConnected}, {@code agentVersion},
 * {@code ec2InstanceId}, {@code registeredAt}, {@code runningTasksCount}, {@code task:group}.
 * Operators (symbol or word): {@code == equals}, {@code != not_equals}, {@code > greater_than},
 * {@code >= greater_than_equal}, {@code < less_than}, {@code <= less_than_equal}, {@code exists},
 * {@code !exists not_exists}, {@code in}, {@code !in not_in}, {@code =~ matches},
 * {@code !~ not_matches}; combined with {@code and &&}, {@code or ||}, {@code not !} and
 * parentheses. Comparisons are numeric when both sides are numbers, by date for dates, else by text.
 */
public final class ClusterQuery {
  private static final Set<String> SUBJECTS = Set.of("agentConnected", "agentVersion", "ec2InstanceId",
      "registeredAt", "runningTasksCount", "task:group");

  private final String text;
  private final Predicate<Subjects> predicate;

  private ClusterQuery(String text, Predicate<Subjects> predicate) {
    this.text = text;
    this.predicate = predicate;
  }

  /** Parses the expression; throws {@link IllegalArgumentException} saying what is wrong. */
  public static ClusterQuery parse(String text) {
    Parser parser = new Parser(QueryTokens.of(text));
    Predicate<Subjects> predicate = parser.expression();
    if (!parser.atEnd()) {
      throw new IllegalArgumentException("unexpected '" + parser.peek().text() + "'");
    }
    return new ClusterQuery(text, predicate);
  }

  public boolean matches(Subjects subjects) {
    return predicate.test(subjects);
  }

  @Override
  public String toString() {
    return text;
  }

  /** Recursive descent: or of ands of (possibly negated) comparisons or parenthesised expressions. */
  private static final class Parser {
    private final List<Token> tokens;
    private int next;

    Parser(List<Token> tokens) {
      this.tokens = tokens;
    }

    Predicate<Subjects> expression() {
      Predicate<Subjects> left = conjunction();
      while (accept("or") || accept("||")) {
        left = left.or(conjunction());
      }
      return left;
    }

    private Predicate<Subjects> conjunction() {
      Predicate<Subjects> left = unary();
      while (accept("and") || accept("&&")) {
        left = left.and(unary());
      }
      return left;
    }

    private Predicate<Subjects> unary() {
      if (accept("not") || accept("!")) {
        return unary().negate();
      }
      if (accept("(")) {
        Predicate<Subjects> inner = expression();
        expect(")");
        return inner;
      }
      return comparison();
    }

    private Predicate<Subjects> comparison() {
      Token subjectToken = take("a subject such as attribute:<name>");
      if (subjectToken.quoted()) {
        throw new IllegalArgumentException("expected a subject, found '" + subjectToken.text() + "'");
      }
      String subject = subjectToken.text();
      if (!SUBJECTS.contains(subject) && !(subject.startsWith("attribute:") && subject.length() > "attribute:".length())) {
        throw new IllegalArgumentException("unknown subject '" + subject + "'");
      }
      boolean negated = accept("!");
      Token operator = take("an operator after " + subject);
      String op = operator.text().toLowerCase(java.util.Locale.ROOT);
      if (negated) {
        op = switch (op) {
          case "exists" -> "not_exists";
          case "in" -> "not_in";
          default -> throw new IllegalArgumentException("'!' must be followed by exists or in");
        };
      }
      return switch (op) {
        case "exists" -> s -> !s.values(subject).isEmpty();
        case "not_exists" -> s -> s.values(subject).isEmpty();
        case "==", "equals" -> any(subject, value()::equals);
        case "!=", "not_equals" -> any(subject, value()::equals).negate();
        case "in" -> any(subject, list()::contains);
        case "not_in" -> any(subject, list()::contains).negate();
        case "=~", "matches" -> any(subject, regex(value()).asMatchPredicate());
        case "!~", "not_matches" -> any(subject, regex(value()).asMatchPredicate()).negate();
        case ">", "greater_than" -> compared(subject, value(), c -> c > 0);
        case ">=", "greater_than_equal" -> compared(subject, value(), c -> c >= 0);
        case "<", "less_than" -> compared(subject, value(), c -> c < 0);
        case "<=", "less_than_equal" -> compared(subject, value(), c -> c <= 0);
        default -> throw new IllegalArgumentException("unknown operator '" + operator.text() + "'");
      };
    }

    private static Predicate<Subjects> any(String subject, Predicate<String> test) {
      return s -> s.values(subject).stream().anyMatch(test);
    }

    private static Predicate<Subjects> compared(String subject, String operand,
        java.util.function.IntPredicate outcome) {
      return any(subject, v -> outcome.test(compare(v, operand)));
    }

    private String value() {
      Token token = take("a value");
      if (!token.quoted() && "()[],".contains(token.text())) {
        throw new IllegalArgumentException("expected a value, found '" + token.text() + "'");
      }
      return token.text();
    }

    /** {@code [a, b]} or {@code (a, b)}. */
    private List<String> list() {
      String close = accept("[") ? "]" : accept("(") ? ")" : null;
      if (close == null) {
        throw new IllegalArgumentException("expected a list such as [a, b] after in");
      }
      List<String> values = new ArrayList<>();
      do {
        values.add(value());
      } while (accept(","));
      expect(close);
      return values;
    }

    private static Pattern regex(String pattern) {
      try {
        return Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid pattern '" + pattern + "'");
      }
    }

    boolean atEnd() {
      return next >= tokens.size();
    }

    Token peek() {
      return tokens.get(next);
    }

    private boolean accept(String symbol) {
      if (!atEnd() && peek().is(symbol)) {
        next++;
        return true;
      }
      return false;
    }

    private void expect(String symbol) {
      if (!accept(symbol)) {
        throw new IllegalArgumentException("expected '" + symbol + "'" + (atEnd() ? " at the end" : ", found '"
            + peek().text() + "'"));
      }
    }

    private Token take(String what) {
      if (atEnd()) {
        throw new IllegalArgumentException("expected " + what + " at the end");
      }
      return tokens.get(next++);
    }
  }

  /** Numbers as numbers, dates as instants, anything else as text. */
  static int compare(String left, String right) {
    try {
      return Double.compare(Double.parseDouble(left), Double.parseDouble(right));
    } catch (NumberFormatException notNumbers) {
      Instant l = instant(left);
      Instant r = instant(right);
      return l != null && r != null ? l.compareTo(r) : left.compareTo(right);
    }
  }

  private static Instant instant(String text) {
    try {
      return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
