package org.ecsagent.agent.state;

import java.time.Instant;
import java.util.List;
import org.ecsagent.agent.docker.ContainerState.NetworkBinding;
import org.ecsagent.protocol.acs.AcsMessages.Task;

/**
 * Everything the agent must remember about a task to resume it after a crash: the control
 * plane's definition, desired and known statuses, and per container the Docker name chosen
 * before creation (so a container created but not yet recorded is found again, never created
 * twice), its Docker id once known, and what was already reported.
 */
public record TaskRecord(
    Task definition,
    String desiredStatus,
    String knownStatus,
    String stopReason,
    Instant pullStartedAt,
    Instant pullStoppedAt,
    Instant executionStoppedAt,
    String sentStatus,
    List<ContainerRecord> containers,
    String credentialsEndpointId) {

  public String arn() {
    return definition.arn();
  }

  public record ContainerRecord(
      String name,
      String dockerName,
      String metadataEndpointId,
      String dockerId,
      String imageId,
      String desiredStatus,
      String knownStatus,
      Integer exitCode,
      String reason,
      List<NetworkBinding> networkBindings,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt,
      String sentStatus) {}
}
