package org.ecsagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoBoolTest {

  @ParameterizedTest
  @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
  void acceptsGoSpellingsOfTrue(String text) {
    assertThat(GoBool.parse(text)).contains(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "f", "F", "FALSE", "false", "False"})
  void acceptsGoSpellingsOfFalse(String text) {
    assertThat(GoBool.parse(text)).contains(false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yes", "no", "on", "off", "tRUE", "fAlse", "2", "-1", "y", " true", "true "})
  void rejectsEverythingElse(String text) {
    assertThat(GoBool.parse(text)).isEmpty();
  }
}
