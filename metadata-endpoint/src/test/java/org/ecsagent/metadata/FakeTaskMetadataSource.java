package org.ecsagent.metadata;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link TaskMetadataSource}: endpoint ID → container, and the container's task. */
class FakeTaskMetadataSource implements TaskMetadataSource {
  private final Map<String, ContainerMetadata> containers = new HashMap<>();
  private final Map<String, TaskMetadata> tasks = new HashMap<>();

  FakeTaskMetadataSource add(String endpointId, ContainerMetadata container, TaskMetadata task) {
    containers.put(endpointId, container);
    tasks.put(endpointId, task);
    return this;
  }

  @Override
  public Optional<ContainerMetadata> container(String endpointId) {
    return Optional.ofNullable(containers.get(endpointId));
  }

  @Override
  public Optional<TaskMetadata> task(String endpointId) {
    return Optional.ofNullable(tasks.get(endpointId));
  }
}
