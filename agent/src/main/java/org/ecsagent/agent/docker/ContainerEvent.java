package org.ecsagent.agent.docker;

import java.util.Optional;

/** A container lifecycle event from the Docker event stream ({@code die}, {@code oom}, {@code health_status: healthy}, ...). */
public record ContainerEvent(String containerId, String action, Integer exitCode) {
  public boolean isDeath() {
    return "die".equals(action);
  }

  public boolean isOom() {
    return "oom".equals(action);
  }

  /** HEALTHY or UNHEALTHY for a {@code health_status: ...} event. */
  public Optional<String> health() {
    if (action == null || !action.startsWith("health_status")) {
      return Optional.empty();
    }
    return Optional.of(action.endsWith("unhealthy") ? "UNHEALTHY" : action.endsWith("healthy") ? "HEALTHY" : "UNKNOWN");
  }
}
