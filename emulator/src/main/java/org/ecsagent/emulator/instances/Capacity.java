package org.ecsagent.emulator.instances;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An instance's registered resources, read into numbers: CPU units, MiB of memory and the host
 * ports the agent keeps for itself (ECS_RESERVED_PORTS / _UDP). A resource the instance did not
 * report counts as zero.
 */
public record Capacity(int cpu, int memory, Set<Integer> reservedTcpPorts, Set<Integer> reservedUdpPorts) {

  static Capacity of(List<Resource> registered) {
    return new Capacity(
        Resource.named(registered, "CPU").map(r -> (int) r.amount()).orElse(0),
        Resource.named(registered, "MEMORY").map(r -> (int) r.amount()).orElse(0),
        ports(registered, "PORTS"),
        ports(registered, "PORTS_UDP"));
  }

  private static Set<Integer> ports(List<Resource> registered, String name) {
    return Resource.named(registered, name)
        .map(r -> r.stringSetValue() == null ? Set.<Integer>of() : r.stringSetValue().stream()
            .map(String::trim).filter(s -> s.matches("\\d+")).map(Integer::valueOf)
            .collect(Collectors.toCollection(TreeSet::new)))
        .orElse(Set.of());
  }
}
