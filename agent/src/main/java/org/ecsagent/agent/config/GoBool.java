package org.ecsagent.agent.config;

import java.util.Optional;
import java.util.Set;

/**
 * Booleans spelled the way the original Go agent reads them (Go's {@code strconv.ParseBool}), so
 * {@code ECS_CHECKPOINT=1} or {@code =True} in an existing {@code ecs.config} keeps working.
 * Anything else (including {@code yes}, {@code on}, {@code tRUE}) is not a boolean.
 */
final class GoBool {
  static final String ACCEPTED = "use true or false";

  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

  private GoBool() {}

  /** The boolean {@code text} spells, or empty if it spells none. */
  static Optional<Boolean> parse(String text) {
    if (TRUE.contains(text)) {
      return Optional.of(true);
    }
    if (FALSE.contains(text)) {
      return Optional.of(false);
    }
    return Optional.empty();
  }
}
