package org.ecsagent.emulator.instances;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One registered container instance as the control plane tracks it. Mutable, owned by the state
 * thread; {@link #describe} makes the immutable API view.
 */
public final class ContainerInstanceState {
  private final String arn;
  private final String id;
  private final String clusterArn;
  private final String ec2InstanceId;
  private final Instant registeredAt;
  private List<Resource> registeredResources;
  private Capacity capacity;
  private List<Attribute> attributes;
  private VersionInfo versionInfo;
  private JsonNode tags;
  private String status = "ACTIVE";
  private boolean agentConnected;
  private long version = 1;

  ContainerInstanceState(String arn, String id, String clusterArn, String ec2InstanceId, Instant registeredAt) {
    this.arn = arn;
    this.id = id;
    this.clusterArn = clusterArn;
    this.ec2InstanceId = ec2InstanceId;
    this.registeredAt = registeredAt;
  }

  /** What the agent (re-)registers: its resources, attributes and versions replace the previous ones. */
  void update(List<Resource> resources, List<Attribute> attributes, VersionInfo versionInfo, JsonNode tags) {
    this.registeredResources = List.copyOf(resources);
    this.capacity = Capacity.of(registeredResources);
    this.attributes = List.copyOf(attributes);
    this.versionInfo = versionInfo;
    if (tags != null) {
      this.tags = tags;
    }
    this.status = "ACTIVE";
    version++;
  }

  void deregister() {
    status = "INACTIVE";
    version++;
  }

  public void agentConnected(boolean connected) {
    if (agentConnected != connected) {
      agentConnected = connected;
      version++;
    }
  }

  public String arn() {
    return arn;
  }

  public String id() {
    return id;
  }

  public String clusterArn() {
    return clusterArn;
  }

  public String status() {
    return status;
  }

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }

  public boolean isAgentConnected() {
    return agentConnected;
  }

  public Capacity capacity() {
    return capacity;
  }

  public List<Attribute> attributes() {
    return attributes;
  }

  ContainerInstance describe(InstanceUsage.Usage usage) {
    return new ContainerInstance(arn, ec2InstanceId, version, versionInfo, remaining(usage), registeredResources,
        status, agentConnected, usage.runningTasks(), usage.pendingTasks(), attributes, registeredAt, tags);
  }

  /** ECS reports remaining ports as the reserved ones plus those the instance's tasks bind. */
  private List<Resource> remaining(InstanceUsage.Usage usage) {
    List<Resource> remaining = new ArrayList<>();
    remaining.add(Resource.integer("CPU", capacity.cpu() - usage.cpu()));
    remaining.add(Resource.integer("MEMORY", capacity.memory() - usage.memory()));
    remaining.add(Resource.stringSet("PORTS", portStrings(capacity.reservedTcpPorts(), usage.tcpPorts())));
    remaining.add(Resource.stringSet("PORTS_UDP", portStrings(capacity.reservedUdpPorts(), usage.udpPorts())));
    return remaining;
  }

  private static List<String> portStrings(Set<Integer> reserved, Set<Integer> used) {
    TreeSet<Integer> all = new TreeSet<>(reserved);
    all.addAll(used);
    return all.stream().map(String::valueOf).toList();
  }
}
