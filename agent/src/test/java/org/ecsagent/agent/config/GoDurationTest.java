package org.ecsagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
      "30s, PT30S",
      "5m, PT5M",
      "3h, PT3H",
      "1h30m, PT1H30M",
      "1.5h, PT1H30M",
      "500ms, PT0.5S",
      "1m30.5s, PT1M30.5S",
      ".5s, PT0.5S",
      "5.s, PT5S",
      "1h1m1s1ms1us1ns, PT1H1M1.001001001S",
      "+10s, PT10S",
      "-10s, PT-10S",
      "0, PT0S",
      "-0, PT0S",
      "0s, PT0S",
      "100ns, PT0.0000001S",
      "2us, PT0.000002S",
      "2µs, PT0.000002S",
      "2μs, PT0.000002S",
      "1.0000000005s, PT1S", // Go drops fractions of a nanosecond
  })
  void parsesGoSyntax(String text, Duration expected) {
    assertThat(GoDuration.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "30", "1.5", "s", ".s", ".", "-", "+", "1h 30m", " 30s", "30 s", "30S", "30sec",
      "1d", "1h-30m", "--1s", "1..5s"})
  void rejectsWhatGoRejects(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a duration")
        .hasMessageEndingWith("(use Go syntax such as 30s, 5m, 1h30m)");
  }

  @Test
  void saysWhatIsWrongWithUnitsAndNumbers() {
    assertThatThrownBy(() -> GoDuration.parse("30"))
        .hasMessage("not a duration: missing unit (use Go syntax such as 30s, 5m, 1h30m)");
    assertThatThrownBy(() -> GoDuration.parse("30sec"))
        .hasMessage("not a duration: unknown unit \"sec\" (use Go syntax such as 30s, 5m, 1h30m)");
    assertThatThrownBy(() -> GoDuration.parse("abc"))
        .hasMessage("not a duration (use Go syntax such as 30s, 5m, 1h30m)");
  }

  @Test
  void acceptsTheLargestGoDurationAndNoMore() {
    assertThat(GoDuration.parse("2562047h47m16.854775807s")).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(GoDuration.parse("-2562047h47m16.854775808s")).isEqualTo(Duration.ofNanos(Long.MIN_VALUE));
    assertThatThrownBy(() -> GoDuration.parse("2562048h"))
        .hasMessage("duration out of range (at most 2562047h47m16.854775807s)");
    assertThatThrownBy(() -> GoDuration.parse("99999999999999999999999h")).hasMessageStartingWith("duration out of range");
  }

  @ParameterizedTest
  @CsvSource({
      "PT0S, 0s",
      "PT0.000000001S, 1ns",
      "PT0.0000015S, 1.5µs",
      "PT0.5S, 500ms",
      "PT0.0015S, 1.5ms",
      "PT1S, 1s",
      "PT1.5S, 1.5s",
      "PT30S, 30s",
      "PT3M, 3m0s",
      "PT1H30M, 1h30m0s",
      "PT3H, 3h0m0s",
      "PT2H0.001S, 2h0m0.001s",
      "PT-1M-30S, -1m30s",
      "PT-0.2S, -200ms",
      "PT100H, 100h0m0s",
  })
  void formatsAsGoDoes(Duration duration, String expected) {
    assertThat(GoDuration.format(duration)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "1ns", "1.5µs", "500ms", "1.5s", "3m0s", "1h30m0s", "-1m30s", "2562047h47m16.854775807s"})
  void formatThenParseGivesTheSameDuration(String text) {
    Duration parsed = GoDuration.parse(text);
    assertThat(GoDuration.format(parsed)).isEqualTo(text);
  }
}
