package org.ecsagent.emulator.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.arn.Arns;

/**
 * The clusters, by name, in creation order. The {@code default} cluster exists from the start,
 * as it does in every real account once used. State-thread only.
 */
public final class Clusters {
  public static final String DEFAULT = "default";

  private final Arns arns;
  private final Map<String, ClusterState> byName = new LinkedHashMap<>();

  public Clusters(Arns arns) {
    this.arns = arns;
    create(DEFAULT, null);
  }

  /** Creates the cluster, or returns the existing one unchanged: CreateCluster is idempotent in ECS. */
  public ClusterState create(String name, JsonNode settings) {
    return byName.computeIfAbsent(name, n -> new ClusterState(n, arns.cluster(n), settings));
  }

  /** By name or ARN; {@code null} or blank means the default cluster, as in every ECS operation. */
  public Optional<ClusterState> find(String nameOrArn) {
    String name = nameOrArn == null || nameOrArn.isBlank() ? DEFAULT : Arns.clusterName(nameOrArn);
    return Optional.ofNullable(byName.get(name));
  }

  /** For operations whose model lists {@code ClusterNotFoundException}. */
  public ClusterState require(String nameOrArn) {
    return find(nameOrArn).orElseThrow(ApiException::clusterNotFound);
  }

  /** For operations whose model has no {@code ClusterNotFoundException}: real ECS answers a ClientException. */
  public ClusterState requireForAgent(String nameOrArn) {
    return find(nameOrArn).orElseThrow(() -> ApiException.client("Cluster not found."));
  }

  public List<ClusterState> all() {
    return List.copyOf(byName.values());
  }
}
