package org.ecsagent.agent.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecsagent.agent.docker.ContainerSpec;
import org.ecsagent.agent.docker.ContainerSpec.PortMappingSpec;
import org.ecsagent.protocol.acs.AcsMessages.Container;
import org.ecsagent.protocol.acs.AcsMessages.PortMapping;
import org.ecsagent.protocol.acs.AcsMessages.Task;

/** Translates an ECS container definition into what Docker is asked to create. */
final class ContainerSpecFactory {
  /** Where containers reach the agent's endpoint (iptables DNAT to 127.0.0.1:51679). */
  static final String ENDPOINT_BASE = "http://169.254.170.2";

  private final String cluster;

  ContainerSpecFactory(String cluster) {
    this.cluster = cluster;
  }

  /** The original agent's labels; they are applied last so a task definition cannot spoof them. */
  Map<String, String> labels(Task task, Container container) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("com.amazonaws.ecs.task-arn", task.arn());
    labels.put("com.amazonaws.ecs.container-name", container.name());
    labels.put("com.amazonaws.ecs.task-definition-family", task.family());
    labels.put("com.amazonaws.ecs.task-definition-version", task.version());
    labels.put("com.amazonaws.ecs.cluster", cluster);
    return labels;
  }

  ContainerSpec spec(ManagedTask managedTask, ManagedContainer managed) {
    Task task = managedTask.definition;
    Container c = managed.definition;
    List<String> env = new ArrayList<>();
    if (c.environment() != null) {
      c.environment().forEach((k, v) -> env.add(k + "=" + v));
    }
    env.add("AWS_EXECUTION_ENV=AWS_ECS_EC2");
    env.add("ECS_CONTAINER_METADATA_URI=" + ENDPOINT_BASE + "/v3/" + managed.metadataEndpointId);
    env.add("ECS_CONTAINER_METADATA_URI_V4=" + ENDPOINT_BASE + "/v4/" + managed.metadataEndpointId);
    if (managedTask.credentialsEndpointId != null) {
      // The SDKs' container credentials provider reads this (relative to 169.254.170.2).
      env.add("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/v2/credentials/" + managedTask.credentialsEndpointId);
    }
    List<PortMappingSpec> ports = new ArrayList<>();
    if (c.portMappings() != null) {
      for (PortMapping p : c.portMappings()) {
        if (p.containerPort() == null) {
          continue;
        }
        ports.add(new PortMappingSpec(p.containerPort(), p.hostPort() == null ? 0 : p.hostPort(),
            p.protocol() == null ? "tcp" : p.protocol()));
      }
    }
    return new ContainerSpec(
        managed.dockerName,
        c.image(),
        c.command(),
        c.entryPoint(),
        env,
        managed.labels,
        c.memory() == null ? 0 : c.memory(),
        c.cpu() == null ? 0 : c.cpu(),
        ports,
        task.networkMode() == null ? "bridge" : task.networkMode(),
        c.dockerConfig() == null ? null : c.dockerConfig().config(),
        c.dockerConfig() == null ? null : c.dockerConfig().hostConfig(),
        mounts(managedTask, c));
  }

  /** Volumes, volumesFrom and links; containers are named by the Docker names chosen at accept. */
  private static ContainerSpec.Mounts mounts(ManagedTask task, Container c) {
    List<String> volumesFrom = new ArrayList<>();
    if (c.volumesFrom() != null) {
      for (var from : c.volumesFrom()) {
        volumesFrom.add(dockerNameOf(task, from.sourceContainer(), "volumesFrom of " + c.name())
            + (Boolean.TRUE.equals(from.readOnly()) ? ":ro" : ""));
      }
    }
    List<String> links = new ArrayList<>();
    if (c.links() != null) {
      for (String link : c.links()) {
        String[] parts = link.split(":", 2);
        links.add(dockerNameOf(task, parts[0], "link of " + c.name()) + ":" + (parts.length > 1 ? parts[1] : parts[0]));
      }
    }
    return new ContainerSpec.Mounts(task.volumes.binds(c), volumesFrom, links);
  }

  private static String dockerNameOf(ManagedTask task, String containerName, String what) {
    ManagedContainer other = task.containers.get(containerName);
    if (other == null) {
      throw new IllegalArgumentException(what + " names container " + containerName + ", which is not in the task");
    }
    return other.dockerName;
  }
}
