package org.ecsagent.emulator.placement;

import java.util.Set;

/**
 * What a task takes from the instance it runs on: CPU units, MiB of memory and static host ports.
 * The tasks package works it out from the task definition and overrides.
 */
public record Demand(int cpu, int memory, Set<HostPort> ports) {

  /** A host port a task binds, e.g. 80/tcp. */
  public record HostPort(int port, String protocol) {
    public boolean isUdp() {
      return "udp".equalsIgnoreCase(protocol);
    }
  }
}
