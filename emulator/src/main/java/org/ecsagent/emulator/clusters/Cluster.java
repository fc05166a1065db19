package org.ecsagent.emulator.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

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
    JsonNode tags,
    JsonNode settings,
    List<String> capacityProviders,
    List<Object> defaultCapacityProviderStrategy) {

  static Cluster of(ClusterState state, ClusterCounts counts) {
    return new Cluster(state.arn(), state.name(), "ACTIVE", counts.registeredContainerInstances(),
        counts.runningTasks(), counts.pendingTasks(), 0, List.of(), state.tags(), state.settings(), List.of(),
        List.of());
  }
}
