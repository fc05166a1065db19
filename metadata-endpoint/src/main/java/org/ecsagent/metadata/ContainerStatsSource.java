package org.ecsagent.metadata;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the stats routes read container stats; the agent implements it over its stats cache,
 * which polls Docker in the background. Keyed by Docker container ID: the routes find the ID
 * through {@link TaskMetadataSource} first. Called on the server's event loop, so it answers from
 * memory only (never one Docker call per request).
 */
@FunctionalInterface
public interface ContainerStatsSource {

  /** Answers that nothing has been collected, for a server without a stats cache. */
  ContainerStatsSource NONE = dockerId -> Optional.empty();

  /** The latest stats of this container, or empty if none have been collected (yet, or any more). */
  Optional<ContainerStats> stats(String dockerId);

  /**
   * The task stats answer of every version: each container Docker knows (it has an ID), in task
   * order, with its stats or empty. Containers not created yet are left out, as in the original.
   */
  default Map<String, Optional<ContainerStats>> taskStats(TaskMetadata task) {
    Map<String, Optional<ContainerStats>> byDockerId = new LinkedHashMap<>();
    for (ContainerMetadata container : task.containers()) {
      if (!container.dockerId().isEmpty()) {
        byDockerId.put(container.dockerId(), stats(container.dockerId()));
      }
    }
    return byDockerId;
  }
}
