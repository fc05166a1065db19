package org.ecsagent.emulator.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.CallContext;
import org.ecsagent.emulator.api.Failure;
import org.ecsagent.emulator.api.OperationTable;
import org.ecsagent.emulator.api.Pagination;
import org.ecsagent.emulator.arn.Arns;
import org.ecsagent.emulator.tags.ResourceTags;
import org.ecsagent.emulator.tags.Tag;

/** CreateCluster, DescribeClusters and ListClusters. */
public final class ClusterOperations {
  /** "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed." */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private final Clusters clusters;
  private final ClusterCounts.Counter counter;
  private final Arns arns;
  private final ResourceTags tags;

  public ClusterOperations(Clusters clusters, ClusterCounts.Counter counter, Arns arns, ResourceTags tags) {
    this.clusters = clusters;
    this.counter = counter;
    this.arns = arns;
    this.tags = tags;
  }

  public void registerWith(OperationTable table) {
    table.register("CreateCluster", CreateClusterRequest.class, this::createCluster)
        .register("DescribeClusters", DescribeClustersRequest.class, this::describeClusters)
        .register("ListClusters", ListClustersRequest.class, this::listClusters);
  }

  public record CreateClusterRequest(String clusterName, List<Tag> tags, JsonNode settings) {}

  public record CreateClusterResponse(Cluster cluster) {}

  public record DescribeClustersRequest(List<String> clusters, List<String> include) {}

  public record DescribeClustersResponse(List<Cluster> clusters, List<Failure> failures) {}

  public record ListClustersRequest(String nextToken, Integer maxResults) {}

  public record ListClustersResponse(List<String> clusterArns, String nextToken) {}

  CreateClusterResponse createCluster(CreateClusterRequest request, CallContext context) {
    String name = request.clusterName() == null ? Clusters.DEFAULT : request.clusterName();
    if (!NAME.matcher(name).matches()) {
      throw ApiException.invalidParameter(
          "Clustername can have up to 255 characters: letters (uppercase and lowercase), numbers, underscores and hyphens.");
    }
    ResourceTags.check(request.tags());
    boolean isNew = clusters.find(name).isEmpty();
    ClusterState cluster = clusters.create(name, request.settings());
    if (isNew) {
      tags.tag(cluster.arn(), request.tags());
    }
    return new CreateClusterResponse(describe(cluster, List.of("TAGS")));
  }

  DescribeClustersResponse describeClusters(DescribeClustersRequest request, CallContext context) {
    List<String> wanted = request.clusters() == null || request.clusters().isEmpty()
        ? List.of(Clusters.DEFAULT) : request.clusters();
    List<Cluster> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : wanted) {
      clusters.find(ref).ifPresentOrElse(
          state -> found.add(describe(state, request.include())),
          () -> failures.add(Failure.of(Arns.isArn(ref) ? ref : arns.cluster(ref), "MISSING")));
    }
    return new DescribeClustersResponse(found, failures);
  }

  ListClustersResponse listClusters(ListClustersRequest request, CallContext context) {
    List<String> all = clusters.all().stream().map(ClusterState::arn).toList();
    Pagination.Page<String> page = Pagination.page(all, request.nextToken(), request.maxResults());
    return new ListClustersResponse(page.items(), page.nextToken());
  }

  private Cluster describe(ClusterState state, List<String> include) {
    return Cluster.of(state, counter.count(state.arn()), tags.ifIncluded(state.arn(), include));
  }
}
