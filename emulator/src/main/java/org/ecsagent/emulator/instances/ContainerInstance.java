package org.ecsagent.emulator.instances;

import java.time.Instant;
import java.util.List;
import org.ecsagent.emulator.tags.Tag;

/** The {@code ContainerInstance} shape of the ECS API. */
public record ContainerInstance(
    String containerInstanceArn,
    String ec2InstanceId,
    Long version,
    VersionInfo versionInfo,
    List<Resource> remainingResources,
    List<Resource> registeredResources,
    String status,
    Boolean agentConnected,
    Integer runningTasksCount,
    Integer pendingTasksCount,
    List<Attribute> attributes,
    Instant registeredAt,
    List<Tag> tags) {}
