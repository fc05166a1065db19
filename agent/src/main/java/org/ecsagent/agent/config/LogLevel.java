package org.ecsagent.agent.config;

import java.util.Locale;
import java.util.Optional;

/** {@code ECS_LOGLEVEL}: the original agent's levels, most to least severe. */
public enum LogLevel {
  CRIT, ERROR, WARN, INFO, DEBUG;

  /** The level as operators write it: {@code crit}, {@code error}, ... */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The SLF4J/Logback level name to set on the root logger. Logback has no level above ERROR, so
   * {@code crit} logs errors too.
   */
  public String logbackLevelName() {
    return switch (this) {
      case CRIT, ERROR -> "ERROR";
      case WARN -> "WARN";
      case INFO -> "INFO";
      case DEBUG -> "DEBUG";
    };
  }

  /** Case-insensitive: {@code INFO} and {@code info} are the same level. */
  static Optional<LogLevel> fromConfigValue(String text) {
    for (LogLevel level : values()) {
      if (level.configValue().equalsIgnoreCase(text)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
