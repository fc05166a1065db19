package org.ecsagent.agent.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecsagent.agent.docker.ContainerState.NetworkBinding;

/** An immutable picture of one task, safe to hand to any thread (endpoints, introspection, tests). */
public record TaskSnapshot(
    String arn,
    String family,
    String version,
    TaskStatus desiredStatus,
    TaskStatus knownStatus,
    List<ContainerSnapshot> containers,
    Instant pullStartedAt,
    Instant pullStoppedAt,
    Instant executionStoppedAt,
    Double cpu,
    Integer memory) {

  public record ContainerSnapshot(
      String name,
      String image,
      String imageId,
      String dockerId,
      String dockerName,
      ContainerStatus desiredStatus,
      ContainerStatus knownStatus,
      Integer exitCode,
      String reason,
      List<NetworkBinding> networkBindings,
      String metadataEndpointId,
      Map<String, String> labels,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt,
      Integer cpu,
      Integer memory,
      String containerArn,
      String health) {}
}
