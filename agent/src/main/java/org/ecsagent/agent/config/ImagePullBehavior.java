package org.ecsagent.agent.config;

import java.util.Locale;
import java.util.Optional;

/** {@code ECS_IMAGE_PULL_BEHAVIOR}: when the agent pulls a task's images rather than using a cached copy. */
public enum ImagePullBehavior {
  /** Pull; if the pull fails, use the cached image when there is one. */
  DEFAULT,
  /** Always pull; a failed pull fails the task. */
  ALWAYS,
  /** Pull only the first time the image is needed on this instance. */
  ONCE,
  /** Use the cached image when there is one, otherwise pull. */
  PREFER_CACHED;

  /** The value as operators write it: {@code default}, {@code always}, {@code once}, {@code prefer-cached}. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Optional<ImagePullBehavior> fromConfigValue(String text) {
    for (ImagePullBehavior behavior : values()) {
      if (behavior.configValue().equalsIgnoreCase(text)) {
        return Optional.of(behavior);
      }
    }
    return Optional.empty();
  }
}
