package org.ecsagent.agent.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecsagent.agent.docker.ContainerState.NetworkBinding;
import org.ecsagent.agent.state.TaskRecord.ContainerRecord;
import org.ecsagent.protocol.acs.AcsMessages.Container;

/** One container's mutable state. Owned by the engine thread; never shared. */
final class ManagedContainer {
  final Container definition;
  final String dockerName;
  final String metadataEndpointId;
  final boolean essential;
  final Map<String, String> labels;

  ContainerStatus knownStatus = ContainerStatus.NONE;
  ContainerStatus desiredStatus = ContainerStatus.RUNNING;
  /** An operation (pull, create, start, stop) is in flight; the engine waits for its result. */
  boolean busy;
  String dockerId;
  String imageId;
  Integer exitCode;
  String reason;
  List<NetworkBinding> networkBindings = List.of();
  Instant createdAt;
  Instant startedAt;
  Instant finishedAt;
  /** Docker health: UNKNOWN until a health check reports, then HEALTHY or UNHEALTHY. */
  String health = "UNKNOWN";
  boolean oomKilled;
  /** When this container first waited for its dependsOn conditions (not persisted: restarts give a fresh wait). */
  Instant waitingForDependenciesSince;
  /** The dependency deadline a re-check is already scheduled for, so waiting does not pile up timers. */
  Instant dependencyRecheckAt;
  /** The backend status last handed to the state-change listener, so nothing is reported twice. */
  String sentStatus;

  ManagedContainer(Container definition, String dockerName, String metadataEndpointId, Map<String, String> labels) {
    this.definition = definition;
    this.dockerName = dockerName;
    this.metadataEndpointId = metadataEndpointId;
    this.essential = definition.essential() == null || definition.essential();
    this.labels = labels;
  }

  String name() {
    return definition.name();
  }

  /** Statuses only move forward; a late result never undoes a later one. */
  boolean advanceTo(ContainerStatus status) {
    if (status.compareTo(knownStatus) <= 0) {
      return false;
    }
    knownStatus = status;
    return true;
  }

  boolean shouldReport() {
    ContainerStatus s = knownStatus;
    return (s == ContainerStatus.RUNNING || s == ContainerStatus.STOPPED) && !s.backendStatus().equals(sentStatus);
  }

  ContainerRecord toRecord() {
    return new ContainerRecord(name(), dockerName, metadataEndpointId, dockerId, imageId, desiredStatus.name(),
        knownStatus.name(), exitCode, reason, networkBindings, createdAt, startedAt, finishedAt, sentStatus);
  }

  static ManagedContainer fromRecord(Container definition, ContainerRecord r, Map<String, String> labels) {
    ManagedContainer c = new ManagedContainer(definition, r.dockerName(), r.metadataEndpointId(), labels);
    c.dockerId = r.dockerId();
    c.imageId = r.imageId();
    c.desiredStatus = ContainerStatus.valueOf(r.desiredStatus());
    c.knownStatus = ContainerStatus.valueOf(r.knownStatus());
    c.exitCode = r.exitCode();
    c.reason = r.reason();
    c.networkBindings = r.networkBindings() == null ? List.of() : r.networkBindings();
    c.createdAt = r.createdAt();
    c.startedAt = r.startedAt();
    c.finishedAt = r.finishedAt();
    c.sentStatus = r.sentStatus();
    return c;
  }

  TaskSnapshot.ContainerSnapshot snapshot() {
    return new TaskSnapshot.ContainerSnapshot(name(), definition.image(), imageId, dockerId, dockerName, desiredStatus,
        knownStatus, exitCode, reason, networkBindings, metadataEndpointId, labels, createdAt, startedAt, finishedAt,
        definition.cpu(), definition.memory(), definition.containerArn(), health);
  }
}
