package org.ecsagent.emulator.services;

import java.time.Instant;
import org.ecsagent.emulator.taskdefs.TaskDefinition;

/**
 * One deployment of a service: a task definition rolled out under an id ({@code ecs-svc/...})
 * that its tasks carry as {@code startedBy}. The PRIMARY deployment is the one the scheduler
 * brings to the desired count; ACTIVE ones are being replaced. Mutable, state-thread only.
 */
final class DeploymentState {
  static final String PRIMARY = "PRIMARY";
  static final String ACTIVE = "ACTIVE";
  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String COMPLETED = "COMPLETED";
  static final String FAILED = "FAILED";

  private final String id;
  private final TaskDefinition taskDefinition;
  private final Instant createdAt;
  private String status = PRIMARY;
  private String rolloutState = IN_PROGRESS;
  private String rolloutStateReason;
  private int failedTasks;
  private Instant updatedAt;

  DeploymentState(String id, TaskDefinition taskDefinition, Instant createdAt) {
    this.id = id;
    this.taskDefinition = taskDefinition;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.rolloutStateReason = "ECS deployment " + id + " in progress.";
  }

  String id() {
    return id;
  }

  TaskDefinition taskDefinition() {
    return taskDefinition;
  }

  boolean isPrimary() {
    return PRIMARY.equals(status);
  }

  String rolloutState() {
    return rolloutState;
  }

  int failedTasks() {
    return failedTasks;
  }

  void primary(boolean primary, Instant now) {
    status = primary ? PRIMARY : ACTIVE;
    updatedAt = now;
  }

  void rollout(String state, String reason, Instant now) {
    rolloutState = state;
    rolloutStateReason = reason;
    updatedAt = now;
  }

  void taskFailed(Instant now) {
    failedTasks++;
    updatedAt = now;
  }

  Deployment describe(int desiredCount, int pending, int running) {
    return new Deployment(id, status, taskDefinition.taskDefinitionArn(), desiredCount, pending, running, failedTasks,
        createdAt, updatedAt, "EC2", rolloutState, rolloutStateReason);
  }
}
