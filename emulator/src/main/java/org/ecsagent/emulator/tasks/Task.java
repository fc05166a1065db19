package org.ecsagent.emulator.tasks;

import java.time.Instant;
import java.util.List;
import org.ecsagent.emulator.instances.Attribute;
import org.ecsagent.emulator.tags.Tag;

/** The {@code Task} shape of the ECS API, as DescribeTasks, RunTask and StopTask return it. */
public record Task(
    List<Attribute> attributes,
    String availabilityZone,
    String clusterArn,
    String connectivity,
    Instant connectivityAt,
    String containerInstanceArn,
    List<Container> containers,
    String cpu,
    Instant createdAt,
    String desiredStatus,
    Boolean enableExecuteCommand,
    Instant executionStoppedAt,
    String group,
    String healthStatus,
    String lastStatus,
    String launchType,
    String memory,
    TaskOverride overrides,
    Instant pullStartedAt,
    Instant pullStoppedAt,
    Instant startedAt,
    String startedBy,
    String stopCode,
    Instant stoppedAt,
    String stoppedReason,
    Instant stoppingAt,
    List<Tag> tags,
    String taskArn,
    String taskDefinitionArn,
    Long version) {}
