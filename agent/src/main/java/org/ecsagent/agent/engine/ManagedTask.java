package org.ecsagent.agent.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecsagent.protocol.acs.AcsMessages.Task;

/** One task's mutable state. Owned by the engine thread; readers get {@link TaskSnapshot}s. */
final class ManagedTask {
  final Task definition;
  final Map<String, ManagedContainer> containers = new LinkedHashMap<>();

  TaskStatus desiredStatus;
  TaskStatus knownStatus = TaskStatus.NONE;
  String stopReason;
  Instant pullStartedAt;
  Instant pullStoppedAt;
  Instant executionStoppedAt;
  String sentStatus;
  boolean cleanupScheduled;

  ManagedTask(Task definition) {
    this.definition = definition;
    this.desiredStatus = TaskStatus.fromDesired(definition.desiredStatus());
  }

  String arn() {
    return definition.arn();
  }

  Collection<ManagedContainer> containers() {
    return containers.values();
  }

  /** The task's known status is its least advanced container's, as in the original agent. */
  TaskStatus deriveKnownStatus() {
    ContainerStatus least = ContainerStatus.STOPPED;
    for (ManagedContainer c : containers()) {
      if (c.knownStatus.compareTo(least) < 0) {
        least = c.knownStatus;
      }
    }
    return TaskStatus.fromContainer(least);
  }

  /** Asks every container to stop, recording why the task is stopping (first reason wins). */
  void stop(String reason) {
    if (desiredStatus != TaskStatus.STOPPED) {
      desiredStatus = TaskStatus.STOPPED;
    }
    if (stopReason == null) {
      stopReason = reason;
    }
    for (ManagedContainer c : containers()) {
      c.desiredStatus = ContainerStatus.STOPPED;
    }
  }

  TaskSnapshot snapshot() {
    return new TaskSnapshot(arn(), definition.family(), definition.version(), desiredStatus, knownStatus,
        containers().stream().map(ManagedContainer::snapshot).toList(), pullStartedAt, pullStoppedAt,
        executionStoppedAt, definition.cpu(), definition.memory());
  }
}
