package org.ecsagent.emulator.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ecsagent.emulator.api.Failure;
import org.ecsagent.emulator.instances.Capacity;
import org.ecsagent.emulator.instances.ContainerInstanceState;
import org.ecsagent.emulator.instances.InstanceUsage;
import org.ecsagent.emulator.instances.InstanceUsage.Usage;

/**
 * Chooses the instance a task runs on: any ACTIVE candidate with enough CPU and memory left and
 * none of the task's static host ports taken, picked at random among those that fit (ECS's
 * default "random" placement). When none fits, says why for each, with ECS's failure reasons.
 */
final class Placement {
  private final RandomGenerator random;
  private final InstanceUsage usage;

  Placement(RandomGenerator random, InstanceUsage usage) {
    this.random = random;
    this.usage = usage;
  }

  /** The chosen instance, or else one failure per candidate. */
  record Outcome(Optional<ContainerInstanceState> instance, List<Failure> failures) {}

  Outcome place(Demand demand, List<ContainerInstanceState> candidates) {
    List<ContainerInstanceState> fitting = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (ContainerInstanceState instance : candidates) {
      shortfall(demand, instance).ifPresentOrElse(
          reason -> failures.add(Failure.of(instance.arn(), reason)),
          () -> fitting.add(instance));
    }
    if (fitting.isEmpty()) {
      return new Outcome(Optional.empty(), failures);
    }
    return new Outcome(Optional.of(fitting.get(random.nextInt(fitting.size()))), List.of());
  }

  /** Why the task does not fit on the instance, or empty if it does. */
  Optional<String> shortfall(Demand demand, ContainerInstanceState instance) {
    if (!instance.isActive()) {
      return Optional.of("INACTIVE");
    }
    Capacity capacity = instance.capacity();
    Usage used = usage.of(instance.arn());
    if (demand.cpu() > capacity.cpu() - used.cpu()) {
      return Optional.of("RESOURCE:CPU");
    }
    if (demand.memory() > capacity.memory() - used.memory()) {
      return Optional.of("RESOURCE:MEMORY");
    }
    for (Demand.HostPort port : demand.ports()) {
      boolean taken = port.isUdp()
          ? capacity.reservedUdpPorts().contains(port.port()) || used.udpPorts().contains(port.port())
          : capacity.reservedTcpPorts().contains(port.port()) || used.tcpPorts().contains(port.port());
      if (taken) {
        return Optional.of(port.isUdp() ? "RESOURCE:PORTS_UDP" : "RESOURCE:PORTS");
      }
    }
    return Optional.empty();
  }
}
