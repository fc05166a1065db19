package org.ecsagent.emulator.services;

import java.time.Instant;

/** The {@code Deployment} shape of a described service. */
public record Deployment(String id, String status, String taskDefinition, Integer desiredCount, Integer pendingCount,
    Integer runningCount, Integer failedTasks, Instant createdAt, Instant updatedAt, String launchType,
    String rolloutState, String rolloutStateReason) {}
