package org.ecsagent.emulator.taskdefs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code TaskDefinition} shape of the ECS API; a registered revision never changes. */
public record TaskDefinition(
    String taskDefinitionArn,
    List<ContainerDefinition> containerDefinitions,
    String family,
    String taskRoleArn,
    String executionRoleArn,
    String networkMode,
    Integer revision,
    List<Volume> volumes,
    String status,
    List<JsonNode> requiresAttributes,
    JsonNode placementConstraints,
    List<String> compatibilities,
    JsonNode runtimePlatform,
    List<String> requiresCompatibilities,
    String cpu,
    String memory,
    String pidMode,
    String ipcMode,
    JsonNode proxyConfiguration,
    Instant registeredAt,
    Instant deregisteredAt,
    String registeredBy,
    JsonNode ephemeralStorage) {

  public Optional<ContainerDefinition> container(String name) {
    return containerDefinitions.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }

  /** This revision, deregistered: INACTIVE from {@code at} on. */
  TaskDefinition deregistered(Instant at) {
    return new TaskDefinition(taskDefinitionArn, containerDefinitions, family, taskRoleArn, executionRoleArn,
        networkMode, revision, volumes, "INACTIVE", requiresAttributes, placementConstraints, compatibilities,
        runtimePlatform, requiresCompatibilities, cpu, memory, pidMode, ipcMode, proxyConfiguration, registeredAt, at,
        registeredBy, ephemeralStorage);
  }
}
