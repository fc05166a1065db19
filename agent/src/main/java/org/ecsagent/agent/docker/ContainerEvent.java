package org.ecsagent.agent.docker;

/** A container lifecycle event from the Docker event stream ({@code die}, {@code start}, ...). */
public record ContainerEvent(String containerId, String action, Integer exitCode) {
  public boolean isDeath() {
    return "die".equals(action);
  }
}
