package org.ecsagent.emulator.services;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.ecsagent.emulator.placement.PlacementConstraint;
import org.ecsagent.emulator.placement.PlacementStrategy;
import org.ecsagent.emulator.tags.Tag;

/** The {@code Service} shape of the ECS API, as Create/Update/Delete/DescribeServices return it. */
public record Service(
    String serviceArn,
    String serviceName,
    String clusterArn,
    List<JsonNode> loadBalancers,
    List<JsonNode> serviceRegistries,
    String status,
    Integer desiredCount,
    Integer runningCount,
    Integer pendingCount,
    String launchType,
    String taskDefinition,
    DeploymentConfiguration deploymentConfiguration,
    List<Deployment> deployments,
    List<ServiceEvent> events,
    Instant createdAt,
    List<PlacementConstraint> placementConstraints,
    List<PlacementStrategy> placementStrategy,
    Integer healthCheckGracePeriodSeconds,
    String schedulingStrategy,
    DeploymentController deploymentController,
    List<Tag> tags,
    String createdBy,
    Boolean enableECSManagedTags,
    String propagateTags,
    Boolean enableExecuteCommand) {

  /** The {@code DeploymentController} shape; the emulator does rolling updates ({@code ECS}) only. */
  public record DeploymentController(String type) {}
}
