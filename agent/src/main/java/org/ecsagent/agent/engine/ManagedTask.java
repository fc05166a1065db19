package org.ecsagent.agent.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.ecsagent.agent.state.TaskRecord;
import org.ecsagent.protocol.acs.AcsMessages.Container;
import org.ecsagent.protocol.acs.AcsMessages.Task;

/** One task's mutable state. Owned by the engine thread; readers get {@link TaskSnapshot}s. */
final class ManagedTask {
  final Task definition;
  final Map<String, ManagedContainer> containers = new LinkedHashMap<>();
  final TaskVolumes volumes;

  TaskStatus desiredStatus;
  TaskStatus knownStatus = TaskStatus.NONE;
  String stopReason;
  Instant pullStartedAt;
  Instant pullStoppedAt;
  Instant executionStoppedAt;
  String sentStatus;
  boolean cleanupScheduled;
  /** The id containers use to fetch the task role's credentials (null when the task has no role). */
  String credentialsEndpointId;
  /** What the store last saved, so an unchanged task is not written again. */
  TaskRecord saved;

  ManagedTask(Task definition) {
    this.definition = definition;
    this.desiredStatus = TaskStatus.fromDesired(definition.desiredStatus());
    this.volumes = new TaskVolumes(definition);
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

  /** The durable form; role credentials are left out, since they must never reach the disk. */
  TaskRecord toRecord() {
    return new TaskRecord(definition.withoutCredentials(), desiredStatus.name(), knownStatus.name(), stopReason,
        pullStartedAt, pullStoppedAt, executionStoppedAt, sentStatus,
        containers().stream().map(ManagedContainer::toRecord).toList(), credentialsEndpointId);
  }

  static ManagedTask fromRecord(TaskRecord record, BiFunction<Task, Container, Map<String, String>> labels) {
    ManagedTask task = new ManagedTask(record.definition());
    task.desiredStatus = TaskStatus.valueOf(record.desiredStatus());
    task.knownStatus = TaskStatus.valueOf(record.knownStatus());
    task.stopReason = record.stopReason();
    task.pullStartedAt = record.pullStartedAt();
    task.pullStoppedAt = record.pullStoppedAt();
    task.executionStoppedAt = record.executionStoppedAt();
    task.sentStatus = record.sentStatus();
    task.credentialsEndpointId = record.credentialsEndpointId();
    var definitions = record.definition().containers();
    for (TaskRecord.ContainerRecord c : record.containers()) {
      var definition = definitions.stream().filter(d -> d.name().equals(c.name())).findFirst().orElseThrow(
          () -> new IllegalStateException("saved container " + c.name() + " is not in task " + record.arn()));
      task.containers.put(c.name(), ManagedContainer.fromRecord(definition, c, labels.apply(record.definition(), definition)));
    }
    task.saved = record;
    return task;
  }

  TaskSnapshot snapshot() {
    return new TaskSnapshot(arn(), definition.family(), definition.version(), desiredStatus, knownStatus,
        containers().stream().map(ManagedContainer::snapshot).toList(), pullStartedAt, pullStoppedAt,
        executionStoppedAt, definition.cpu(), definition.memory());
  }
}
