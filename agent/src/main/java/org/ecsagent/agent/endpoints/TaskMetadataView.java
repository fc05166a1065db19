package org.ecsagent.agent.endpoints;

import java.util.List;
import java.util.Optional;
import org.ecsagent.agent.engine.TaskEngine;
import org.ecsagent.agent.engine.TaskSnapshot;
import org.ecsagent.agent.engine.TaskSnapshot.ContainerSnapshot;
import org.ecsagent.metadata.ContainerMetadata;
import org.ecsagent.metadata.Limits;
import org.ecsagent.metadata.TaskMetadata;
import org.ecsagent.metadata.TaskMetadataSource;

/**
 * The engine's snapshots in the task metadata endpoint's shapes. Answers from memory only (the
 * endpoint calls it on its event loop).
 */
public final class TaskMetadataView implements TaskMetadataSource {
  private final TaskEngine engine;
  private final String cluster;

  public TaskMetadataView(TaskEngine engine, String cluster) {
    this.engine = engine;
    this.cluster = cluster;
  }

  @Override
  public Optional<ContainerMetadata> container(String endpointId) {
    return engine.taskByMetadataEndpointId(endpointId).flatMap(task -> task.containers().stream()
        .filter(c -> endpointId.equals(c.metadataEndpointId()))
        .findFirst()
        .map(TaskMetadataView::container));
  }

  @Override
  public Optional<TaskMetadata> task(String endpointId) {
    return engine.taskByMetadataEndpointId(endpointId).map(this::task);
  }

  private TaskMetadata task(TaskSnapshot t) {
    return TaskMetadata.builder()
        .cluster(cluster)
        .taskArn(t.arn())
        .family(t.family())
        .revision(t.version())
        .desiredStatus(t.desiredStatus().backendStatus())
        .knownStatus(t.knownStatus().backendStatus())
        .containers(t.containers().stream().map(TaskMetadataView::container).toList())
        .limits(t.cpu() == null && t.memory() == null ? Limits.NONE
            : new Limits(t.cpu() == null ? null : t.cpu() / 1024, t.memory() == null ? null : t.memory().longValue()))
        .pullStartedAt(t.pullStartedAt())
        .pullStoppedAt(t.pullStoppedAt())
        .executionStoppedAt(t.executionStoppedAt())
        .build();
  }

  static ContainerMetadata container(ContainerSnapshot c) {
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
        .networks(List.of(new ContainerMetadata.Network("bridge", List.of(), List.of())))
        .containerArn(c.containerArn())
        .build();
  }
}
