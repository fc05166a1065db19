package org.ecsagent.agent.docker;

import java.time.Instant;
import java.util.List;

/** What {@code docker inspect} says about a container, in the agent's terms. */
public record ContainerState(
    String id,
    String name,
    String imageId,
    boolean running,
    Integer exitCode,
    String error,
    boolean oomKilled,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    List<NetworkBinding> networkBindings) {

  /** A published port as ECS reports it in {@code networkBindings}. */
  public record NetworkBinding(String bindIP, int containerPort, int hostPort, String protocol) {}
}
