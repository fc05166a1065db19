package org.ecsagent.emulator.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cluster query into tokens: punctuation {@code ( ) [ ] ,}, operators
 * ({@code == != > >= < <= =~ !~ && || !}), quoted strings, and words (subjects, keywords and bare
 * values such as {@code t2.*} or {@code service:web}).
 */
final class QueryTokens {
  private static final List<String> OPERATORS = List.of("==", "!=", ">=", "<=", "=~", "!~", "&&", "||", ">", "<", "!");
  private static final String PUNCTUATION = "()[],";
  private static final String NOT_IN_WORD = "()[],'\"=!<>~&|";

  /** One token; {@code quoted} tells a quoted string from a word or symbol with the same text. */
  record Token(String text, boolean quoted) {
    boolean is(String symbol) {
      return !quoted && text.equalsIgnoreCase(symbol);
    }
  }

  private QueryTokens() {}

  static List<Token> of(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (PUNCTUATION.indexOf(c) >= 0) {
        tokens.add(new Token(String.valueOf(c), false));
        i++;
      } else if (c == '\'' || c == '"') {
        int end = text.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quoted value at position " + i);
        }
        tokens.add(new Token(text.substring(i + 1, end), true));
        i = end + 1;
      } else {
        String operator = operatorAt(text, i);
        if (operator != null) {
          tokens.add(new Token(operator, false));
          i += operator.length();
        } else {
          int start = i;
          while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && NOT_IN_WORD.indexOf(text.charAt(i)) < 0) {
            i++;
          }
          if (start == i) {
            throw new IllegalArgumentException("unexpected '" + c + "' at position " + i);
          }
          tokens.add(new Token(text.substring(start, i), false));
        }
      }
    }
    return tokens;
  }

  private static String operatorAt(String text, int i) {
    for (String operator : OPERATORS) {
      if (text.startsWith(operator, i)) {
        return operator;
      }
    }
    return null;
  }
}
