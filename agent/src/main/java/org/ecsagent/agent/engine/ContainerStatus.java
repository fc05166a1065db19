package org.ecsagent.agent.engine;

/**
 * A container's known or desired status, in the order a container moves through them
 * (the original agent's ordering). {@link #backendStatus()} is what the ECS API sees.
 */
public enum ContainerStatus {
  NONE,
  MANIFEST_PULLED,
  PULLED,
  CREATED,
  RUNNING,
  STOPPED;

  /** ECS API status: RUNNING and STOPPED as they are, everything earlier is PENDING. */
  public String backendStatus() {
    return switch (this) {
      case RUNNING -> "RUNNING";
      case STOPPED -> "STOPPED";
      default -> "PENDING";
    };
  }

  public boolean isAtLeast(ContainerStatus other) {
    return compareTo(other) >= 0;
  }
}
