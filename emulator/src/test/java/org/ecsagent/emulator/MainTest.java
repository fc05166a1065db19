package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void defaultsToLoopbackPort8765() {
    EmulatorOptions options = Main.parse(new String[0]);
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.port()).isEqualTo(8765);
    assertThat(options.region()).isEqualTo("us-east-1");
    assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void readsEveryFlag() {
    EmulatorOptions options = Main.parse(new String[] {
        "--host", "0.0.0.0", "--port", "0", "--region", "eu-west-1", "--heartbeat-seconds", "5"});
    assertThat(options.host()).isEqualTo("0.0.0.0");
    assertThat(options.port()).isZero();
    assertThat(options.region()).isEqualTo("eu-west-1");
    assertThat(options.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void refusesUnknownFlagsAndBadNumbers() {
    assertThatThrownBy(() -> Main.parse(new String[] {"--colour", "blue"})).hasMessageContaining("--colour");
    assertThatThrownBy(() -> Main.parse(new String[] {"--port", "eighty"})).hasMessageContaining("--port");
    assertThatThrownBy(() -> Main.parse(new String[] {"--port"})).hasMessageContaining("missing value");
    assertThat(Main.parse(new String[] {"--help"})).isNull();
  }

  @Test
  void startsOnAFreePortWhenAskedForPortZero() {
    try (Emulator emulator = Emulator.start(EmulatorOptions.defaults().withPort(0).withRegion("eu-west-1"))) {
      assertThat(emulator.port()).isPositive();
      assertThat(emulator.endpoint().toString()).isEqualTo("http://127.0.0.1:" + emulator.port());
    }
  }
}
