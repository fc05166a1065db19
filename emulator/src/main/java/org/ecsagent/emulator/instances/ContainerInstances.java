package org.ecsagent.emulator.instances;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecsagent.emulator.arn.Arns;
import org.ecsagent.emulator.arn.IdGenerator;

/** Every container instance ever registered (deregistered ones stay, INACTIVE), by id. State-thread only. */
public final class ContainerInstances {
  private final Map<String, ContainerInstanceState> byId = new LinkedHashMap<>();
  private final Arns arns;
  private final IdGenerator ids;
  private final Clock clock;

  public ContainerInstances(Arns arns, IdGenerator ids, Clock clock) {
    this.arns = arns;
    this.ids = ids;
    this.clock = clock;
  }

  ContainerInstanceState create(String clusterName, String clusterArn, String ec2InstanceId) {
    String id = ids.hex32();
    ContainerInstanceState instance = new ContainerInstanceState(arns.containerInstance(clusterName, id), id,
        clusterArn, ec2InstanceId == null ? ids.ec2InstanceId() : ec2InstanceId, clock.instant());
    byId.put(id, instance);
    return instance;
  }

  /** By ARN or bare id. */
  public Optional<ContainerInstanceState> find(String arnOrId) {
    return arnOrId == null ? Optional.empty() : Optional.ofNullable(byId.get(Arns.resourceId(arnOrId)));
  }

  /** The cluster's instances, in registration order, deregistered ones included. */
  public List<ContainerInstanceState> inCluster(String clusterArn) {
    return byId.values().stream().filter(i -> i.clusterArn().equals(clusterArn)).toList();
  }
}
