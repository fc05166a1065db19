package org.ecsagent.emulator.tasks;

import java.util.HashSet;
import java.util.Set;
import org.ecsagent.emulator.placement.Demand;
import org.ecsagent.emulator.placement.Demand.HostPort;
import org.ecsagent.emulator.taskdefs.ContainerDefinition;
import org.ecsagent.emulator.taskdefs.TaskDefinition;
import org.ecsagent.emulator.taskdefs.TaskSize;
import org.ecsagent.emulator.tasks.TaskOverride.ContainerOverride;

/**
 * Works out what a task takes from the instance it runs on ({@link Demand}): task-level
 * cpu/memory, when set, is the reservation; otherwise the containers' sum, counting a container's
 * soft limit (memoryReservation) when it has one and its hard limit otherwise, as ECS does.
 */
final class TaskDemand {
  private TaskDemand() {}

  static Demand of(TaskDefinition definition, TaskOverride overrides) {
    String taskCpu = overrides.cpu() != null ? overrides.cpu() : definition.cpu();
    String taskMemory = overrides.memory() != null ? overrides.memory() : definition.memory();
    int cpu = 0;
    int memory = 0;
    Set<HostPort> ports = new HashSet<>();
    for (ContainerDefinition c : definition.containerDefinitions()) {
      ContainerOverride o = overrides.forContainer(c.name()).orElse(null);
      cpu += Math.max(0, firstNonNull(o == null ? null : o.cpu(), c.cpu(), 0));
      Integer reservation = firstNonNull(o == null ? null : o.memoryReservation(), c.memoryReservation(), null);
      Integer limit = firstNonNull(o == null ? null : o.memory(), c.memory(), null);
      memory += Math.max(0, reservation != null ? reservation : limit != null ? limit : 0);
      ports.addAll(staticHostPorts(c, definition.networkMode()));
    }
    return new Demand(
        taskCpu != null ? TaskSize.cpuUnits(taskCpu) : cpu,
        taskMemory != null ? TaskSize.memoryMiB(taskMemory) : memory,
        Set.copyOf(ports));
  }

  /**
   * In bridge mode only an explicit non-zero hostPort is static (0 or absent means Docker picks
   * one); in host mode the container port is the host port; awsvpc tasks use their own ENI.
   */
  static Set<HostPort> staticHostPorts(ContainerDefinition c, String networkMode) {
    Set<HostPort> ports = new HashSet<>();
    if (c.portMappings() == null || "awsvpc".equals(networkMode) || "none".equals(networkMode)) {
      return ports;
    }
    for (var mapping : c.portMappings()) {
      Integer hostPort = "host".equals(networkMode) && mapping.hostPort() == null ? mapping.containerPort()
          : mapping.hostPort();
      if (hostPort != null && hostPort > 0) {
        ports.add(new HostPort(hostPort, mapping.protocol() == null ? "tcp" : mapping.protocol()));
      }
    }
    return ports;
  }

  private static Integer firstNonNull(Integer first, Integer second, Integer otherwise) {
    return first != null ? first : second != null ? second : otherwise;
  }
}
