package org.ecsagent.emulator.services;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecsagent.emulator.arn.Arns;

/**
 * Every service, by ARN, in creation order; deleted ones stay INACTIVE until a service of the
 * same name replaces them. State-thread only.
 */
final class Services {
  private final Map<String, ServiceState> byArn = new LinkedHashMap<>();

  void put(ServiceState service) {
    byArn.remove(service.arn());
    byArn.put(service.arn(), service);
  }

  /** A service of the cluster, by name or ARN. */
  Optional<ServiceState> find(String clusterArn, String nameOrArn) {
    if (nameOrArn == null) {
      return Optional.empty();
    }
    String name = Arns.resourceId(nameOrArn);
    return byArn.values().stream()
        .filter(s -> s.clusterArn().equals(clusterArn) && s.name().equals(name))
        .findFirst();
  }

  Optional<ServiceState> byArn(String arn) {
    return Optional.ofNullable(byArn.get(arn));
  }

  List<ServiceState> inCluster(String clusterArn) {
    return byArn.values().stream().filter(s -> s.clusterArn().equals(clusterArn)).toList();
  }

  List<ServiceState> all() {
    return new ArrayList<>(byArn.values());
  }
}
