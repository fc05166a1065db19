package org.ecsagent.emulator.instances;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.CallContext;
import org.ecsagent.emulator.api.Failure;
import org.ecsagent.emulator.api.OperationTable;
import org.ecsagent.emulator.api.Pagination;
import org.ecsagent.emulator.clusters.ClusterState;
import org.ecsagent.emulator.clusters.Clusters;
import org.ecsagent.emulator.query.ClusterQuery;
import org.ecsagent.emulator.tags.ResourceTags;
import org.ecsagent.emulator.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container instance operations: the agent's RegisterContainerInstance and
 * DiscoverPollEndpoint, and the operator's Deregister/Describe/ListContainerInstances (with
 * cluster query language filters) and UpdateContainerInstancesState.
 */
public final class InstanceOperations {
  private static final Logger log = LoggerFactory.getLogger(InstanceOperations.class);
  private static final Pattern IDENTITY_INSTANCE_ID = Pattern.compile("\"instanceId\"\\s*:\\s*\"([^\"]+)\"");

  private final Clusters clusters;
  private final ContainerInstances instances;
  private final InstanceUsage usage;
  private final ResourceTags tags;
  private final Consumer<ContainerInstanceState> onDeregistered;

  /**
   * @param onDeregistered told about each deregistered instance (the ACS side ends its session)
   */
  public InstanceOperations(Clusters clusters, ContainerInstances instances, InstanceUsage usage, ResourceTags tags,
      Consumer<ContainerInstanceState> onDeregistered) {
    this.clusters = clusters;
    this.instances = instances;
    this.usage = usage;
    this.tags = tags;
    this.onDeregistered = onDeregistered;
  }

  public void registerWith(OperationTable table) {
    table.register("RegisterContainerInstance", RegisterContainerInstanceRequest.class, this::register)
        .register("DeregisterContainerInstance", DeregisterContainerInstanceRequest.class, this::deregister)
        .register("DescribeContainerInstances", DescribeContainerInstancesRequest.class, this::describe)
        .register("ListContainerInstances", ListContainerInstancesRequest.class, this::list)
        .register("UpdateContainerInstancesState", UpdateContainerInstancesStateRequest.class, this::updateState)
        .register("DiscoverPollEndpoint", DiscoverPollEndpointRequest.class, this::discoverPollEndpoint);
  }

  public record RegisterContainerInstanceRequest(String cluster, String instanceIdentityDocument,
      List<Resource> totalResources, VersionInfo versionInfo, String containerInstanceArn,
      List<Attribute> attributes, List<Tag> tags) {}

  public record ContainerInstanceResponse(ContainerInstance containerInstance) {}

  public record DeregisterContainerInstanceRequest(String cluster, String containerInstance, Boolean force) {}

  public record DescribeContainerInstancesRequest(String cluster, List<String> containerInstances,
      List<String> include) {}

  public record DescribeContainerInstancesResponse(List<ContainerInstance> containerInstances,
      List<Failure> failures) {}

  public record ListContainerInstancesRequest(String cluster, String filter, String nextToken, Integer maxResults,
      String status) {}

  public record ListContainerInstancesResponse(List<String> containerInstanceArns, String nextToken) {}

  public record UpdateContainerInstancesStateRequest(String cluster, List<String> containerInstances, String status) {}

  public record UpdateContainerInstancesStateResponse(List<ContainerInstance> containerInstances,
      List<Failure> failures) {}

  public record DiscoverPollEndpointRequest(String containerInstance, String cluster) {}

  public record DiscoverPollEndpointResponse(String endpoint, String telemetryEndpoint) {}

  ContainerInstanceResponse register(RegisterContainerInstanceRequest request, CallContext context) {
    ClusterState cluster = clusters.requireForAgent(request.cluster());
    ResourceTags.check(request.tags());
    // An agent that restarts sends the ARN it had: it keeps it (and its tasks) if we still know it.
    ContainerInstanceState instance = instances.find(request.containerInstanceArn())
        .filter(existing -> existing.clusterArn().equals(cluster.arn()) && existing.isRegistered())
        .orElseGet(() -> instances.create(cluster.name(), cluster.arn(), ec2InstanceId(request)));
    instance.update(
        request.totalResources() == null ? List.of() : request.totalResources(),
        request.attributes() == null ? List.of() : request.attributes(),
        request.versionInfo());
    tags.tag(instance.arn(), request.tags());
    log.info("container instance {} registered in cluster {} ({} CPU units, {} MiB)", instance.arn(),
        cluster.name(), instance.capacity().cpu(), instance.capacity().memory());
    return new ContainerInstanceResponse(instance.describe(usage.of(instance.arn()), tags.of(instance.arn())));
  }

  ContainerInstanceResponse deregister(DeregisterContainerInstanceRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    ContainerInstanceState instance = inCluster(cluster, request.containerInstance())
        .orElseThrow(() -> ApiException.invalidParameter("The referenced container instance " + request.containerInstance()
            + " is not valid. Check that it exists in the specified cluster."));
    InstanceUsage.Usage used = usage.of(instance.arn());
    if (used.runningTasks() + used.pendingTasks() > 0 && !Boolean.TRUE.equals(request.force())) {
      throw ApiException.invalidParameter("Found running tasks on the instance. "
          + "Stop them first, or deregister with force.");
    }
    instance.deregister();
    onDeregistered.accept(instance);
    log.info("container instance {} deregistered", instance.arn());
    return new ContainerInstanceResponse(instance.describe(used, null));
  }

  DescribeContainerInstancesResponse describe(DescribeContainerInstancesRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    if (request.containerInstances() == null || request.containerInstances().isEmpty()) {
      throw ApiException.invalidParameter("containerInstances can not be empty.");
    }
    List<ContainerInstance> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : request.containerInstances()) {
      inCluster(cluster, ref).ifPresentOrElse(
          instance -> found.add(instance.describe(usage.of(instance.arn()),
              tags.ifIncluded(instance.arn(), request.include()))),
          () -> failures.add(Failure.of(ref, "MISSING")));
    }
    return new DescribeContainerInstancesResponse(found, failures);
  }

  ListContainerInstancesResponse list(ListContainerInstancesRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    Optional<ClusterQuery> filter = request.filter() == null || request.filter().isBlank() ? Optional.empty()
        : Optional.of(query(request.filter()));
    List<String> arns = instances.inCluster(cluster.arn()).stream()
        .filter(i -> request.status() == null ? i.isRegistered() : request.status().equals(i.status()))
        .filter(i -> filter.isEmpty() || filter.get().matches(new InstanceFacts(i, usage.of(i.arn()))))
        .map(ContainerInstanceState::arn)
        .toList();
    Pagination.Page<String> page = Pagination.page(arns, request.nextToken(), request.maxResults());
    return new ListContainerInstancesResponse(page.items(), page.nextToken());
  }

  /**
   * ACTIVE or DRAINING. A DRAINING instance gets no new tasks; the service scheduler moves its
   * service tasks elsewhere; its other tasks run on.
   */
  UpdateContainerInstancesStateResponse updateState(UpdateContainerInstancesStateRequest request,
      CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    if (!List.of(ContainerInstanceState.ACTIVE, ContainerInstanceState.DRAINING).contains(request.status())) {
      throw ApiException.invalidParameter("Container instance status must be ACTIVE or DRAINING.");
    }
    if (request.containerInstances() == null || request.containerInstances().isEmpty()
        || request.containerInstances().size() > 10) {
      throw ApiException.invalidParameter("containerInstances must name between 1 and 10 instances.");
    }
    List<ContainerInstance> updated = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : request.containerInstances()) {
      Optional<ContainerInstanceState> instance = inCluster(cluster, ref).filter(ContainerInstanceState::isRegistered);
      if (instance.isEmpty()) {
        failures.add(Failure.of(ref, "MISSING"));
        continue;
      }
      if (instance.get().status(request.status())) {
        log.info("container instance {} is now {}", instance.get().arn(), request.status());
      }
      updated.add(instance.get().describe(usage.of(instance.get().arn()), null));
    }
    return new UpdateContainerInstancesStateResponse(updated, failures);
  }

  /** The emulator serves ACS (and would serve TCS) itself, at the address the agent used for this call. */
  DiscoverPollEndpointResponse discoverPollEndpoint(DiscoverPollEndpointRequest request, CallContext context) {
    clusters.requireForAgent(request.cluster());
    return new DiscoverPollEndpointResponse(context.endpoint(), context.endpoint());
  }

  private Optional<ContainerInstanceState> inCluster(ClusterState cluster, String ref) {
    return instances.find(ref).filter(i -> i.clusterArn().equals(cluster.arn()));
  }

  static ClusterQuery query(String expression) {
    try {
      return ClusterQuery.parse(expression);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidParameter("Invalid filter expression '" + expression + "': " + e.getMessage() + ".");
    }
  }

  private static String ec2InstanceId(RegisterContainerInstanceRequest request) {
    if (request.instanceIdentityDocument() == null) {
      return null;
    }
    Matcher m = IDENTITY_INSTANCE_ID.matcher(request.instanceIdentityDocument());
    return m.find() ? m.group(1) : null;
  }
}
