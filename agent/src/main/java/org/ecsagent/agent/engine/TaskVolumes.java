package org.ecsagent.agent.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecsagent.protocol.acs.AcsMessages.Container;
import org.ecsagent.protocol.acs.AcsMessages.MountPoint;
import org.ecsagent.protocol.acs.AcsMessages.Task;
import org.ecsagent.protocol.acs.AcsMessages.Volume;

/**
 * A task's volumes in Docker terms. A host volume with a {@code sourcePath} is a bind mount; a
 * host volume without one is an empty scratch volume; a {@code docker} volume is a named Docker
 * volume, {@code shared} under its own name or, for {@code task} scope (the default), under a
 * name derived from the task so it is the same after an agent restart and is removed with the
 * task.
 */
final class TaskVolumes {
  /** A Docker volume the agent must create before the containers that mount it. */
  record DockerVolume(String name, String driver, Map<String, String> driverOptions, Map<String, String> labels,
      boolean taskScoped) {}

  private final Map<String, String> sourceByVolumeName = new LinkedHashMap<>();
  private final Map<String, DockerVolume> dockerVolumes = new LinkedHashMap<>();

  TaskVolumes(Task task) {
    if (task.volumes() == null) {
      return;
    }
    String taskId = task.arn().substring(task.arn().lastIndexOf('/') + 1);
    for (Volume v : task.volumes()) {
      if (v.name() == null) {
        continue;
      }
      String hostPath = v.host() == null ? null : v.host().sourcePath();
      if (!"docker".equals(v.type()) && hostPath != null && !hostPath.isBlank()) {
        sourceByVolumeName.put(v.name(), hostPath);
        continue;
      }
      JsonNode config = v.dockerVolumeConfiguration();
      boolean shared = config != null && "shared".equals(config.path("scope").asText());
      String dockerName = shared ? v.name()
          : "ecs-" + task.family() + "-" + task.version() + "-" + v.name().replaceAll("[^A-Za-z0-9_.-]", "") + "-" + taskId;
      Map<String, String> labels = new LinkedHashMap<>(strings(config, "labels"));
      labels.put("com.amazonaws.ecs.task-arn", task.arn());
      dockerVolumes.put(v.name(), new DockerVolume(dockerName,
          config == null || config.path("driver").asText().isEmpty() ? "local" : config.path("driver").asText(),
          strings(config, "driverOpts"), labels, !shared));
      sourceByVolumeName.put(v.name(), dockerName);
    }
  }

  private static Map<String, String> strings(JsonNode config, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    if (config != null) {
      config.path(field).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** The volumes this container's mount points need created first. */
  List<DockerVolume> volumesFor(Container c) {
    List<DockerVolume> out = new ArrayList<>();
    if (c.mountPoints() != null) {
      for (MountPoint m : c.mountPoints()) {
        Optional.ofNullable(dockerVolumes.get(m.sourceVolume())).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Docker bind specs for the container's mount points; an unknown source volume is an error. */
  List<String> binds(Container c) {
    List<String> binds = new ArrayList<>();
    if (c.mountPoints() == null) {
      return binds;
    }
    for (MountPoint m : c.mountPoints()) {
      String source = sourceByVolumeName.get(m.sourceVolume());
      if (source == null) {
        throw new IllegalArgumentException("mount point " + m.containerPath() + " of container " + c.name()
            + " names volume " + m.sourceVolume() + ", which the task does not define");
      }
      binds.add(source + ":" + m.containerPath() + (Boolean.TRUE.equals(m.readOnly()) ? ":ro" : ""));
    }
    return binds;
  }

  /** Task-scoped Docker volumes, removed with the task. */
  List<String> taskScopedNames() {
    return dockerVolumes.values().stream().filter(DockerVolume::taskScoped).map(DockerVolume::name).toList();
  }
}
