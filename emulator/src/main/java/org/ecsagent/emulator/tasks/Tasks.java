package org.ecsagent.emulator.tasks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ecsagent.emulator.arn.Arns;
import org.ecsagent.emulator.instances.InstanceUsage;

/**
 * Every task ever started (stopped ones stay, as ECS shows them for a while), by id, in creation
 * order; and what they take from their instances. State-thread only.
 */
public final class Tasks implements InstanceUsage {
  private final Map<String, TaskState> byId = new LinkedHashMap<>();

  void add(TaskState task) {
    byId.put(Arns.resourceId(task.arn()), task);
  }

  /** By ARN or bare id. */
  public Optional<TaskState> find(String arnOrId) {
    return arnOrId == null ? Optional.empty() : Optional.ofNullable(byId.get(Arns.resourceId(arnOrId)));
  }

  /** The tasks of a task group ({@code service:web}, ...) in the cluster, oldest first. */
  public List<TaskState> inGroup(String clusterArn, String group) {
    return byId.values().stream().filter(t -> t.clusterArn().equals(clusterArn) && t.group().equals(group)).toList();
  }

  public List<TaskState> inCluster(String clusterArn) {
    return byId.values().stream().filter(t -> t.clusterArn().equals(clusterArn)).toList();
  }

  /** A task holds its reservation until it has actually stopped, not merely been asked to. */
  @Override
  public Usage of(String containerInstanceArn) {
    int cpu = 0;
    int memory = 0;
    int running = 0;
    int pending = 0;
    Set<Integer> tcp = new HashSet<>();
    Set<Integer> udp = new HashSet<>();
    Map<String, Integer> groups = new HashMap<>();
    for (TaskState task : byId.values()) {
      if (!task.containerInstanceArn().equals(containerInstanceArn) || task.lastStatus() == LifecycleStatus.STOPPED) {
        continue;
      }
      cpu += task.demand().cpu();
      memory += task.demand().memory();
      task.demand().ports().forEach(p -> (p.isUdp() ? udp : tcp).add(p.port()));
      groups.merge(task.group(), 1, Integer::sum);
      if (task.lastStatus() == LifecycleStatus.RUNNING) {
        running++;
      } else {
        pending++;
      }
    }
    return new Usage(cpu, memory, Set.copyOf(tcp), Set.copyOf(udp), running, pending, Map.copyOf(groups));
  }

  /** Tasks of the cluster by last status, for the cluster description. */
  public int count(String clusterArn, LifecycleStatus status) {
    return (int) byId.values().stream()
        .filter(t -> t.clusterArn().equals(clusterArn) && t.lastStatus() == status).count();
  }
}
