package org.ecsagent.emulator.tasks;

import java.util.Optional;

/**
 * The statuses a task or container reports to the control plane, in lifecycle order. The agent
 * folds its finer-grained states into these three (original agent: {@code BackendStatus}).
 */
public enum LifecycleStatus {
  PENDING, RUNNING, STOPPED;

  public static Optional<LifecycleStatus> parse(String text) {
    for (LifecycleStatus s : values()) {
      if (s.name().equals(text)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Reports can arrive late or twice; a status never moves backwards. */
  boolean isAfter(LifecycleStatus other) {
    return compareTo(other) > 0;
  }
}
