package org.ecsagent.emulator.instances;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ecsagent.emulator.tags.Tag;

/**
 * One registered container instance as the control plane tracks it: what its agent registered,
 * the custom attributes users put on it, its status (ACTIVE, DRAINING, INACTIVE) and whether its
 * agent is connected. Mutable, owned by the state thread; {@link #describe} makes the API view.
 */
public final class ContainerInstanceState {
  public static final String ACTIVE = "ACTIVE";
  public static final String DRAINING = "DRAINING";
  public static final String INACTIVE = "INACTIVE";

  private final String arn;
  private final String id;
  private final String clusterArn;
  private final String ec2InstanceId;
  private final Instant registeredAt;
  private List<Resource> registeredResources;
  private Capacity capacity;
  private List<Attribute> reportedAttributes;
  private final Map<String, Attribute> customAttributes = new LinkedHashMap<>();
  private VersionInfo versionInfo;
  private String status = ACTIVE;
  private boolean agentConnected;
  private long version = 1;

  ContainerInstanceState(String arn, String id, String clusterArn, String ec2InstanceId, Instant registeredAt) {
    this.arn = arn;
    this.id = id;
    this.clusterArn = clusterArn;
    this.ec2InstanceId = ec2InstanceId;
    this.registeredAt = registeredAt;
  }

  /**
   * What the agent (re-)registers: its resources, attributes and versions replace the previous
   * ones. Custom attributes stay, and so does DRAINING: an agent restart does not undo a drain.
   */
  void update(List<Resource> resources, List<Attribute> attributes, VersionInfo versionInfo) {
    this.registeredResources = List.copyOf(resources);
    this.capacity = Capacity.of(registeredResources);
    this.reportedAttributes = attributes.stream().map(a -> new Attribute(a.name(), a.value(), null, null)).toList();
    this.versionInfo = versionInfo;
    if (!isRegistered()) {
      status = ACTIVE;
    }
    version++;
  }

  void deregister() {
    status = INACTIVE;
    version++;
  }

  /** UpdateContainerInstancesState: ACTIVE or DRAINING; returns whether it changed. */
  boolean status(String newStatus) {
    if (status.equals(newStatus)) {
      return false;
    }
    status = newStatus;
    version++;
    return true;
  }

  void putAttribute(Attribute attribute) {
    customAttributes.put(attribute.name(), new Attribute(attribute.name(), attribute.value(), null, null));
    version++;
  }

  /** Removes a custom attribute, or else one the agent reported; returns whether there was one. */
  boolean deleteAttribute(String name) {
    boolean removed = customAttributes.remove(name) != null;
    if (!removed && reportedAttributes.stream().anyMatch(a -> a.name().equals(name))) {
      reportedAttributes = reportedAttributes.stream().filter(a -> !a.name().equals(name)).toList();
      removed = true;
    }
    if (removed) {
      version++;
    }
    return removed;
  }

  int customAttributeCount() {
    return customAttributes.size();
  }

  boolean hasCustomAttribute(String name) {
    return customAttributes.containsKey(name);
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

  public String ec2InstanceId() {
    return ec2InstanceId;
  }

  public Instant registeredAt() {
    return registeredAt;
  }

  public VersionInfo versionInfo() {
    return versionInfo;
  }

  public String status() {
    return status;
  }

  /** ACTIVE: new tasks may be placed here. */
  public boolean isActive() {
    return ACTIVE.equals(status);
  }

  /** ACTIVE or DRAINING: still part of the cluster, its agent may connect. */
  public boolean isRegistered() {
    return ACTIVE.equals(status) || DRAINING.equals(status);
  }

  public boolean isDraining() {
    return DRAINING.equals(status);
  }

  public boolean isAgentConnected() {
    return agentConnected;
  }

  public Capacity capacity() {
    return capacity;
  }

  /** The agent's attributes with the custom ones over them (a custom attribute wins on a name clash). */
  public List<Attribute> attributes() {
    Map<String, Attribute> all = new LinkedHashMap<>();
    reportedAttributes.forEach(a -> all.put(a.name(), a));
    all.putAll(customAttributes);
    return List.copyOf(all.values());
  }

  ContainerInstance describe(InstanceUsage.Usage usage, List<Tag> tags) {
    return new ContainerInstance(arn, ec2InstanceId, version, versionInfo, remaining(usage), registeredResources,
        status, agentConnected, usage.runningTasks(), usage.pendingTasks(), attributes(), registeredAt, tags);
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
