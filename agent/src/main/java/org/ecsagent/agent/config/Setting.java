package org.ecsagent.agent.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One variable's raw value and where it came from, so a problem can point at the line to fix.
 *
 * @param origin e.g. {@code /etc/ecs/ecs.config line 4}; empty for the environment or for values
 *     passed to {@link AgentConfig#fromValues}
 */
record Setting(String value, Optional<String> origin) {
  Setting {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
  }

  static Setting of(String value) {
    return new Setting(value, Optional.empty());
  }
}
