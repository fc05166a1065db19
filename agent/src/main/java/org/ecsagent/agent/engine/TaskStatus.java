package org.ecsagent.agent.engine;

/** A task's status; its known status is derived from its containers' (the least advanced one). */
public enum TaskStatus {
  NONE,
  MANIFEST_PULLED,
  PULLED,
  CREATED,
  RUNNING,
  STOPPED;

  public String backendStatus() {
    return switch (this) {
      case RUNNING -> "RUNNING";
      case STOPPED -> "STOPPED";
      default -> "PENDING";
    };
  }

  /** Control-plane desired status strings: RUNNING or STOPPED (anything else is refused upstream). */
  public static TaskStatus fromDesired(String s) {
    return "STOPPED".equals(s) ? STOPPED : RUNNING;
  }

  static TaskStatus fromContainer(ContainerStatus c) {
    return TaskStatus.valueOf(c.name());
  }
}
