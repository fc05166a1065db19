package org.ecsagent.agent.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Durations written the way the original Go agent reads them (Go's {@code time.ParseDuration}),
 * so an existing {@code ecs.config} keeps its meaning: a sequence of decimal numbers, each with a
 * unit ({@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}), with an
 * optional sign: {@code 30s}, {@code 1.5h}, {@code 1h30m}, {@code 500ms}. A bare number is
 * rejected, except {@code 0}, which Go accepts too.
 *
 * <p>{@link #format} writes Go's {@code Duration.String()} form ({@code 3m0s}), so that
 * {@link AgentConfig#describe()} shows values the way operators type them.
 */
final class GoDuration {
  static final String SYNTAX_HINT = "use Go syntax such as 30s, 5m, 1h30m";

  private static final Map<String, Long> UNIT_NANOS = Map.of(
      "ns", 1L,
      "us", 1_000L,
      "\u00b5s", 1_000L, // µ MICRO SIGN, what Go prints
      "\u03bcs", 1_000L, // μ GREEK SMALL LETTER MU, which Go also accepts
      "ms", 1_000_000L,
      "s", 1_000_000_000L,
      "m", 60_000_000_000L,
      "h", 3_600_000_000_000L);

  // Go's Duration is an int64 of nanoseconds; beyond that it reports overflow.
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal MIN_NANOS = BigDecimal.valueOf(Long.MIN_VALUE);

  private GoDuration() {}

  /**
   * Parses {@code text} as Go's {@code time.ParseDuration} would.
   *
   * @throws IllegalArgumentException whose message explains the problem to an operator
   */
  static Duration parse(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid("");
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      boolean hasIntegerPart = i > start;
      boolean hasFraction = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fractionStart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
          i++;
        }
        hasFraction = i > fractionStart;
      }
      if (!hasIntegerPart && !hasFraction) {
        throw invalid("");
      }
      BigDecimal number = new BigDecimal(s.substring(start, i)); // accepts "5." and ".5" as Go does
      int unitStart = i;
      while (i < s.length() && !isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      if (unitStart == i) {
        throw invalid(": missing unit");
      }
      String unit = s.substring(unitStart, i);
      Long nanos = UNIT_NANOS.get(unit);
      if (nanos == null) {
        throw invalid(": unknown unit \"" + unit + "\"");
      }
      total = total.add(number.multiply(BigDecimal.valueOf(nanos)));
    }
    if (negative) {
      total = total.negate();
    }
    if (total.compareTo(MAX_NANOS) > 0 || total.compareTo(MIN_NANOS) < 0) {
      throw new IllegalArgumentException("duration out of range (at most " + format(Duration.ofNanos(Long.MAX_VALUE)) + ")");
    }
    // Go drops fractions of a nanosecond.
    return Duration.ofNanos(total.toBigInteger().longValueExact());
  }

  /** Go's {@code Duration.String()}: {@code 0s}, {@code 500ms}, {@code 1.5s}, {@code 3m0s}, {@code 1h30m0s}. */
  static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    String sign = duration.isNegative() ? "-" : "";
    BigInteger nanos = BigInteger.valueOf(duration.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
        .add(BigInteger.valueOf(duration.getNano())).abs();
    BigInteger second = BigInteger.valueOf(1_000_000_000L);
    if (nanos.compareTo(second) < 0) {
      long n = nanos.longValue();
      if (n < 1_000) {
        return sign + n + "ns";
      }
      if (n < 1_000_000) {
        return sign + decimal(n, 3) + "\u00b5s";
      }
      return sign + decimal(n, 6) + "ms";
    }
    BigInteger[] secondsAndNanos = nanos.divideAndRemainder(second);
    BigInteger seconds = secondsAndNanos[0];
    long hours = seconds.divide(BigInteger.valueOf(3600)).longValueExact();
    int minutes = seconds.mod(BigInteger.valueOf(3600)).intValue() / 60;
    int secs = seconds.mod(BigInteger.valueOf(60)).intValue();
    StringBuilder out = new StringBuilder(sign);
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    out.append(decimal((long) secs * 1_000_000_000L + secondsAndNanos[1].longValue(), 9)).append('s');
    return out.toString();
  }

  /** {@code value / 10^digits} as a decimal without trailing zeros. */
  private static String decimal(long value, int digits) {
    return BigDecimal.valueOf(value, digits).stripTrailingZeros().toPlainString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String detail) {
    return new IllegalArgumentException("not a duration" + detail + " (" + SYNTAX_HINT + ")");
  }
}
