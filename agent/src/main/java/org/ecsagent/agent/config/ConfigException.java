package org.ecsagent.agent.config;

import java.util.List;

/**
 * The configuration cannot be used. Carries every problem found, so an operator can fix them all
 * in one go; the message lists them one per line, ready to print as is.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable List.copyOf list, serializable in practice; never serialized anyway
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", requireSome(problems)));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, e.g. {@code ECS_CONTAINER_STOP_TIMEOUT="abc": not a duration (...)}. */
  public List<String> problems() {
    return problems;
  }

  private static List<String> requireSome(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    return problems;
  }
}
