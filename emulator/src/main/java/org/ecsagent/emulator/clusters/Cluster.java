package org.ecsagent.emulator.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ecsagent.emulator.tags.Tag;

/** The {@code Cluster} shape of the ECS API. */
public record Cluster(
    String clusterArn,
    String clusterName,
    String status,
    Integer registeredContainerInstancesCount,
    Integer runningTasksCount,
    Integer pendingTasksCount,
    Integer activeServicesCount,
    List<Object> statistics,
    List<Tag> tags,
    JsonNode settings,
    List<String> capacityProviders,
    List<Object> defaultCapacityProviderStrategy) {

  static Cluster of(ClusterState state, ClusterCounts counts, List<Tag> tags) {
    return new Cluster(state.arn(), state.name(), "ACTIVE", counts.registeredContainerInstances(),
        counts.runningTasks(), counts.pendingTasks(), counts.activeServices(), List.of(), tags, state.settings(),
        List.of(), List.of());
  }
}
