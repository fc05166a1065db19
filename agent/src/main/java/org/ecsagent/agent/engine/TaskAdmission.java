package org.ecsagent.agent.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecsagent.protocol.acs.AcsMessages.Container;
import org.ecsagent.protocol.acs.AcsMessages.PortMapping;
import org.ecsagent.protocol.acs.AcsMessages.Task;

/**
 * Decides whether this host can run a new task at all, before anything is pulled: network mode,
 * privileged containers, logging drivers, and room — registered CPU, memory and ports minus
 * what the tasks already here reserve. The control plane places by the same numbers, but the
 * agent checks too, so a stale placement never overcommits the host.
 */
final class TaskAdmission {
  /** What this host registered; zero CPU or memory means "not known", and is not checked. */
  record Capacity(int cpuUnits, long memoryMiB, List<Integer> reservedPorts) {
    static final Capacity UNKNOWN = new Capacity(0, 0, List.of());
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Capacity capacity;
  private final boolean privilegedDisabled;
  private final List<String> loggingDrivers;

  TaskAdmission(Capacity capacity, boolean privilegedDisabled, List<String> loggingDrivers) {
    this.capacity = capacity;
    this.privilegedDisabled = privilegedDisabled;
    this.loggingDrivers = loggingDrivers;
  }

  /** Why the task cannot run here, given the tasks already here, or empty when it can. */
  Optional<String> refusal(Task task, Collection<ManagedTask> present) {
    if ("awsvpc".equals(task.networkMode())) {
      return Optional.of("TaskFailedToStart: network mode awsvpc is not supported by this agent");
    }
    List<Container> containers = task.containers() == null ? List.of() : task.containers();
    if (containers.isEmpty()) {
      return Optional.of("TaskFailedToStart: task has no containers");
    }
    for (Container c : containers) {
      if (privilegedDisabled && Boolean.TRUE.equals(c.privileged())) {
        return Optional.of("TaskFailedToStart: privileged containers are disabled on this instance (ECS_DISABLE_PRIVILEGED)");
      }
      Optional<String> driver = logDriver(c);
      if (driver.isPresent() && !loggingDrivers.contains(driver.get())) {
        return Optional.of("TaskFailedToStart: logging driver " + driver.get() + " of container " + c.name()
            + " is not available on this instance (ECS_AVAILABLE_LOGGING_DRIVERS=" + loggingDrivers + ")");
      }
    }
    List<ManagedTask> active = present.stream().filter(t -> t.knownStatus != TaskStatus.STOPPED).toList();
    if (capacity.memoryMiB() > 0) {
      long used = active.stream().mapToLong(t -> memory(t.definition)).sum();
      long needed = memory(task);
      if (used + needed > capacity.memoryMiB()) {
        return Optional.of("RESOURCE:MEMORY: task needs " + needed + " MiB, " + (capacity.memoryMiB() - used)
            + " of " + capacity.memoryMiB() + " MiB are free on this instance");
      }
    }
    if (capacity.cpuUnits() > 0) {
      long used = active.stream().mapToLong(t -> cpu(t.definition)).sum();
      long needed = cpu(task);
      if (used + needed > capacity.cpuUnits()) {
        return Optional.of("RESOURCE:CPU: task needs " + needed + " CPU units, " + (capacity.cpuUnits() - used)
            + " of " + capacity.cpuUnits() + " are free on this instance");
      }
    }
    Set<Integer> taken = new HashSet<>(capacity.reservedPorts());
    active.forEach(t -> taken.addAll(staticPorts(t.definition)));
    for (int port : staticPorts(task)) {
      if (taken.contains(port)) {
        return Optional.of("RESOURCE:PORTS: host port " + port + " is reserved or used by another task");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> logDriver(Container c) {
    if (c.dockerConfig() == null || c.dockerConfig().hostConfig() == null) {
      return Optional.empty();
    }
    try {
      JsonNode type = JSON.readTree(c.dockerConfig().hostConfig()).path("LogConfig").path("Type");
      return type.isTextual() && !type.asText().isEmpty() ? Optional.of(type.asText()) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty(); // the create step reports the malformed hostConfig with its own reason
    }
  }

  /** Task-level memory when set, else the sum of the containers' (hard) limits, in MiB. */
  static long memory(Task t) {
    if (t.memory() != null && t.memory() > 0) {
      return t.memory();
    }
    return t.containers() == null ? 0
        : t.containers().stream().mapToLong(c -> c.memory() == null ? 0 : c.memory()).sum();
  }

  /** Task-level CPU (vCPU in ACS, hence ×1024) when set, else the sum of the containers' units. */
  static long cpu(Task t) {
    if (t.cpu() != null && t.cpu() > 0) {
      return Math.round(t.cpu() * 1024);
    }
    return t.containers() == null ? 0 : t.containers().stream().mapToLong(c -> c.cpu() == null ? 0 : c.cpu()).sum();
  }

  private static Set<Integer> staticPorts(Task t) {
    Set<Integer> ports = new HashSet<>();
    if (t.containers() == null) {
      return ports;
    }
    for (Container c : t.containers()) {
      if (c.portMappings() == null) {
        continue;
      }
      for (PortMapping p : c.portMappings()) {
        Integer port = "host".equals(t.networkMode()) ? p.containerPort() : p.hostPort();
        if (port != null && port > 0 && !"udp".equals(p.protocol())) {
          ports.add(port);
        }
      }
    }
    return ports;
  }
}
