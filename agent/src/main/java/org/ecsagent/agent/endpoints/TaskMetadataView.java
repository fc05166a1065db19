package org.ecsagent.agent.endpoints;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ecsagent.agent.engine.TaskEngine;
import org.ecsagent.agent.engine.TaskSnapshot;
import org.ecsagent.agent.engine.TaskSnapshot.ContainerSnapshot;
import org.ecsagent.agent.stats.StatsCache;
import org.ecsagent.metadata.ContainerMetadata;
import org.ecsagent.metadata.Limits;
import org.ecsagent.metadata.TaskMetadata;
import org.ecsagent.metadata.TaskMetadataSource;

/**
 * The engine's snapshots in the task metadata endpoint's shapes, with each container's networks
 * and addresses from the stats cache (which inspects every container it polls). Answers from
 * memory only (the endpoint calls it on its event loop).
 */
public final class TaskMetadataView implements TaskMetadataSource {
  /** What the original shows for a bridge-mode container whose address is not known yet. */
  private static final List<ContainerMetadata.Network> UNKNOWN_BRIDGE =
      List.of(new ContainerMetadata.Network("bridge", List.of(), List.of()));

  private final TaskEngine engine;
  private final String cluster;
  private final StatsCache stats;

  /** Without container addresses: every container shows the bridge network with none. */
  public TaskMetadataView(TaskEngine engine, String cluster) {
    this(engine, cluster, new StatsCache());
  }

  public TaskMetadataView(TaskEngine engine, String cluster, StatsCache stats) {
    this.engine = engine;
    this.cluster = cluster;
    this.stats = stats;
  }

  @Override
  public Optional<ContainerMetadata> container(String endpointId) {
    return engine.taskByMetadataEndpointId(endpointId).flatMap(task -> task.containers().stream()
        .filter(c -> endpointId.equals(c.metadataEndpointId()))
        .findFirst()
        .map(this::container));
  }

  @Override
  public Optional<TaskMetadata> task(String endpointId) {
    return engine.taskByMetadataEndpointId(endpointId).map(this::task);
  }

  @Override
  public Optional<String> taskArn(String endpointId) {
    return engine.taskByMetadataEndpointId(endpointId).map(TaskSnapshot::arn);
  }

  /** v2's caller: the container the stats poller's inspect saw at that address, if the engine knows it. */
  @Override
  public Optional<String> endpointIdByAddress(String ipAddress) {
    return stats.dockerIdByIpv4(ipAddress).flatMap(dockerId -> engine.tasks().stream()
        .flatMap(task -> task.containers().stream())
        .filter(c -> dockerId.equals(c.dockerId()))
        .map(ContainerSnapshot::metadataEndpointId)
        .filter(Objects::nonNull)
        .findFirst());
  }

  private TaskMetadata task(TaskSnapshot t) {
    return TaskMetadata.builder()
        .cluster(cluster)
        .taskArn(t.arn())
        .family(t.family())
        .revision(t.version())
        .desiredStatus(t.desiredStatus().backendStatus())
        .knownStatus(t.knownStatus().backendStatus())
        .containers(t.containers().stream().map(this::container).toList())
        .limits(t.cpu() == null && t.memory() == null ? Limits.NONE
            : new Limits(t.cpu() == null ? null : t.cpu() / 1024, t.memory() == null ? null : t.memory().longValue()))
        .pullStartedAt(t.pullStartedAt())
        .pullStoppedAt(t.pullStoppedAt())
        .executionStoppedAt(t.executionStoppedAt())
        .build();
  }

  ContainerMetadata container(ContainerSnapshot c) {
    return ContainerMetadata.builder()
        .dockerId(c.dockerId())
        .name(c.name())
        .dockerName(c.dockerName())
        .image(c.image())
        .imageId(c.imageId())
        .labels(c.labels())
        .desiredStatus(c.desiredStatus().backendStatus())
        .knownStatus(c.knownStatus().backendStatus())
        .exitCode(c.exitCode())
        .limits(new Limits(c.cpu() == null ? null : c.cpu().doubleValue(),
            c.memory() == null ? null : c.memory().longValue()))
        .createdAt(c.createdAt())
        .startedAt(c.startedAt())
        .finishedAt(c.finishedAt())
        .ports(c.networkBindings().stream()
            .map(b -> new ContainerMetadata.Port(b.containerPort(), b.protocol(), b.hostPort(), b.bindIP()))
            .toList())
        .networks(networks(c.dockerId()))
        .containerArn(c.containerArn())
        .build();
  }

  private List<ContainerMetadata.Network> networks(String dockerId) {
    if (dockerId == null || !stats.knowsNetworksOf(dockerId)) {
      return UNKNOWN_BRIDGE;
    }
    return stats.networks(dockerId).stream()
        .map(network -> new ContainerMetadata.Network(network.name(), network.ipv4Addresses(), List.of()))
        .toList();
  }
}
