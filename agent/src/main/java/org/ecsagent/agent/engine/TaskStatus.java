package org.ecsagent.agent.engine;

/**
 * A task's status; its known status is derived from its containers' (the least advanced one), so
 * the two enums name the same steps in the same order.
 */
public enum TaskStatus {
  NONE,
  MANIFEST_PULLED,
  PULLED,
  CREATED,
  RUNNING,
  STOPPED;

  /** As for containers: RUNNING and STOPPED as they are, everything earlier is PENDING. */
  public String backendStatus() {
    return ContainerStatus.valueOf(name()).backendStatus();
  }

  /** Control-plane desired status strings: RUNNING or STOPPED (anything else is refused upstream). */
  public static TaskStatus fromDesired(String s) {
    return "STOPPED".equals(s) ? STOPPED : RUNNING;
  }

  static TaskStatus fromContainer(ContainerStatus c) {
    return TaskStatus.valueOf(c.name());
  }
}
