package org.ecsagent.agent.stats;

import java.util.List;

/**
 * A Docker network a container is attached to, as inspect shows it.
 *
 * @param name the network's name, e.g. {@code bridge}; also the ECS network mode for the built-in ones
 * @param ipv4Addresses the container's IPv4 address on it, if it has one
 */
public record ContainerNetwork(String name, List<String> ipv4Addresses) {
  public ContainerNetwork {
    ipv4Addresses = List.copyOf(ipv4Addresses);
  }
}
