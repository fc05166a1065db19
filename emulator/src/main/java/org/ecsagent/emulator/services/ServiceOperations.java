package org.ecsagent.emulator.services;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.CallContext;
import org.ecsagent.emulator.api.ErrorShape;
import org.ecsagent.emulator.api.Failure;
import org.ecsagent.emulator.api.OperationTable;
import org.ecsagent.emulator.api.Pagination;
import org.ecsagent.emulator.arn.Arns;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.emulator.clusters.ClusterState;
import org.ecsagent.emulator.clusters.Clusters;
import org.ecsagent.emulator.instances.ContainerInstances;
import org.ecsagent.emulator.placement.PlacementConstraint;
import org.ecsagent.emulator.placement.PlacementSpec;
import org.ecsagent.emulator.placement.PlacementStrategy;
import org.ecsagent.emulator.tags.ResourceTags;
import org.ecsagent.emulator.tags.Tag;
import org.ecsagent.emulator.taskdefs.TaskDefinition;
import org.ecsagent.emulator.taskdefs.TaskDefinitions;
import org.ecsagent.emulator.tasks.TaskLauncher;
import org.ecsagent.emulator.tasks.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services room's door: CreateService, UpdateService, DeleteService, DescribeServices and
 * ListServices, and the {@link ServiceScheduler} they drive (each operation runs it for its
 * service at once; {@link #tick} runs it for all).
 */
public final class ServiceOperations {
  private static final Logger log = LoggerFactory.getLogger(ServiceOperations.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final int MAX_DESCRIBE = 10;

  private final Services services = new Services();
  private final ServiceScheduler scheduler;
  private final Clusters clusters;
  private final TaskDefinitions definitions;
  private final ResourceTags tags;
  private final Arns arns;
  private final Clock clock;

  public ServiceOperations(Clusters clusters, TaskDefinitions definitions, ContainerInstances instances, Tasks tasks,
      TaskLauncher launcher, ResourceTags tags, Arns arns, IdGenerator ids, Clock clock) {
    this.scheduler = new ServiceScheduler(services, clusters, instances, tasks, launcher, tags, ids, clock);
    this.clusters = clusters;
    this.definitions = definitions;
    this.tags = tags;
    this.arns = arns;
    this.clock = clock;
  }

  public void registerWith(OperationTable table) {
    table.register("CreateService", CreateServiceRequest.class, this::create)
        .register("UpdateService", UpdateServiceRequest.class, this::update)
        .register("DeleteService", DeleteServiceRequest.class, this::delete)
        .register("DescribeServices", DescribeServicesRequest.class, this::describe)
        .register("ListServices", ListServicesRequest.class, this::list);
  }

  /** Every emulator tick: the scheduler looks at every service. */
  public void tick() {
    scheduler.tick();
  }

  /** Whether the ARN names a service the emulator knows (for tagging). */
  public boolean exists(String arn) {
    return services.byArn(arn).isPresent();
  }

  /** ACTIVE services of the cluster, for its description. */
  public int activeServices(String clusterArn) {
    return (int) services.inCluster(clusterArn).stream().filter(ServiceState::isActive).count();
  }

  public record CreateServiceRequest(String cluster, String serviceName, String taskDefinition,
      List<JsonNode> loadBalancers, Integer desiredCount, String launchType, String schedulingStrategy,
      DeploymentConfiguration deploymentConfiguration, List<PlacementConstraint> placementConstraints,
      List<PlacementStrategy> placementStrategy, Integer healthCheckGracePeriodSeconds,
      Service.DeploymentController deploymentController, List<Tag> tags, Boolean enableECSManagedTags,
      String propagateTags, Boolean enableExecuteCommand) {}

  public record UpdateServiceRequest(String cluster, String service, Integer desiredCount, String taskDefinition,
      DeploymentConfiguration deploymentConfiguration, List<PlacementConstraint> placementConstraints,
      List<PlacementStrategy> placementStrategy, Boolean forceNewDeployment, Integer healthCheckGracePeriodSeconds,
      Boolean enableECSManagedTags, String propagateTags, Boolean enableExecuteCommand) {}

  public record DeleteServiceRequest(String cluster, String service, Boolean force) {}

  public record DescribeServicesRequest(String cluster, List<String> services, List<String> include) {}

  public record ListServicesRequest(String cluster, String nextToken, Integer maxResults, String launchType,
      String schedulingStrategy) {}

  public record ServiceResponse(Service service) {}

  public record DescribeServicesResponse(List<Service> services, List<Failure> failures) {}

  public record ListServicesResponse(List<String> serviceArns, String nextToken) {}

  ServiceResponse create(CreateServiceRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    if (request.serviceName() == null || !NAME.matcher(request.serviceName()).matches()) {
      throw ApiException.invalidParameter("serviceName must be 1 to 255 letters, numbers, hyphens and underscores.");
    }
    services.find(cluster.arn(), request.serviceName()).filter(s -> !ServiceState.INACTIVE.equals(s.status()))
        .ifPresent(s -> {
          throw ApiException.invalidParameter("Creation of service was not idempotent.");
        });
    if (request.schedulingStrategy() != null && !"REPLICA".equals(request.schedulingStrategy())) {
      throw ApiException.invalidParameter("The emulator schedules REPLICA services only, not "
          + request.schedulingStrategy() + ".");
    }
    if (request.launchType() != null && !List.of("EC2", "EXTERNAL").contains(request.launchType())) {
      throw ApiException.invalidParameter("The emulator runs tasks on container instances only (launch type EC2), not "
          + request.launchType() + ".");
    }
    if (request.deploymentController() != null && !"ECS".equals(request.deploymentController().type())) {
      throw ApiException.invalidParameter("The emulator does rolling updates (deployment controller ECS) only.");
    }
    if (request.loadBalancers() != null && !request.loadBalancers().isEmpty()) {
      log.warn("CreateService {}: load balancers are not emulated; ignoring them", request.serviceName());
    }
    TaskDefinition definition = activeDefinition(request.taskDefinition());
    int desired = desiredCount(request.desiredCount() == null ? 1 : request.desiredCount());
    DeploymentConfiguration configuration = checked(DeploymentConfiguration.DEFAULT.with(request.deploymentConfiguration()));
    PlacementSpec.validate(request.placementStrategy(), request.placementConstraints());
    ResourceTags.check(request.tags());
    ServiceState.Settings settings = new ServiceState.Settings(desired, configuration,
        listOrEmpty(request.placementConstraints()), listOrEmpty(request.placementStrategy()),
        request.healthCheckGracePeriodSeconds(), request.propagateTags(), request.enableECSManagedTags(),
        request.enableExecuteCommand());
    ServiceState service = new ServiceState(arns.service(cluster.name(), request.serviceName()),
        request.serviceName(), cluster.arn(), settings,
        new DeploymentState(scheduler.newDeploymentId(), definition, clock.instant()), clock.instant());
    services.put(service);
    tags.tag(service.arn(), request.tags());
    log.info("service {} created: {} x {}", service.arn(), desired, definition.family() + ":" + definition.revision());
    scheduler.reconcile(service);
    return new ServiceResponse(describe(service, List.of("TAGS")));
  }

  /** A new task definition, forceNewDeployment or new placement starts a new deployment; a new count does not. */
  ServiceResponse update(UpdateServiceRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    ServiceState service = existing(cluster, request.service());
    if (!service.isActive()) {
      throw new ApiException(ErrorShape.SERVICE_NOT_ACTIVE, "Service was not ACTIVE.");
    }
    ServiceState.Settings before = service.settings();
    TaskDefinition definition = request.taskDefinition() == null ? service.primary().taskDefinition()
        : activeDefinition(request.taskDefinition());
    PlacementSpec.validate(request.placementStrategy(), request.placementConstraints());
    ServiceState.Settings after = new ServiceState.Settings(
        request.desiredCount() == null ? before.desiredCount() : desiredCount(request.desiredCount()),
        checked(before.deploymentConfiguration().with(request.deploymentConfiguration())),
        request.placementConstraints() == null ? before.placementConstraints() : request.placementConstraints(),
        request.placementStrategy() == null ? before.placementStrategy() : request.placementStrategy(),
        request.healthCheckGracePeriodSeconds() == null ? before.healthCheckGracePeriodSeconds()
            : request.healthCheckGracePeriodSeconds(),
        request.propagateTags() == null ? before.propagateTags() : request.propagateTags(),
        request.enableECSManagedTags() == null ? before.enableECSManagedTags() : request.enableECSManagedTags(),
        request.enableExecuteCommand() == null ? before.enableExecuteCommand() : request.enableExecuteCommand());
    boolean newDeployment = Boolean.TRUE.equals(request.forceNewDeployment())
        || !definition.taskDefinitionArn().equals(service.primary().taskDefinition().taskDefinitionArn())
        || !Objects.equals(after.placementConstraints(), before.placementConstraints())
        || !Objects.equals(after.placementStrategy(), before.placementStrategy());
    service.settings(after);
    if (newDeployment) {
      DeploymentState deployment = new DeploymentState(scheduler.newDeploymentId(), definition, clock.instant());
      service.promote(deployment, clock.instant());
      service.startFailures(0);
      service.nextLaunchAt(java.time.Instant.MIN);
      log.info("service {}: new deployment {} of {}", service.arn(), deployment.id(), definition.taskDefinitionArn());
    }
    scheduler.reconcile(service);
    return new ServiceResponse(describe(service, null));
  }

  ServiceResponse delete(DeleteServiceRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    ServiceState service = existing(cluster, request.service());
    if (ServiceState.INACTIVE.equals(service.status())) {
      throw new ApiException(ErrorShape.SERVICE_NOT_FOUND, "Service not found.");
    }
    if (service.settings().desiredCount() > 0 && !Boolean.TRUE.equals(request.force())) {
      throw ApiException.invalidParameter("The service cannot be stopped while it is scaled above 0.");
    }
    ServiceState.Settings s = service.settings();
    service.settings(new ServiceState.Settings(0, s.deploymentConfiguration(), s.placementConstraints(),
        s.placementStrategy(), s.healthCheckGracePeriodSeconds(), s.propagateTags(), s.enableECSManagedTags(),
        s.enableExecuteCommand()));
    service.status(ServiceState.DRAINING);
    log.info("service {} deleted; draining its tasks", service.arn());
    scheduler.reconcile(service);
    return new ServiceResponse(describe(service, null));
  }

  DescribeServicesResponse describe(DescribeServicesRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    if (request.services() == null || request.services().isEmpty() || request.services().size() > MAX_DESCRIBE) {
      throw ApiException.invalidParameter("services must name between 1 and " + MAX_DESCRIBE + " services.");
    }
    List<Service> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : request.services()) {
      services.find(cluster.arn(), ref).ifPresentOrElse(
          s -> found.add(describe(s, request.include())),
          () -> failures.add(Failure.of(Arns.isArn(ref) ? ref : arns.service(cluster.name(), ref), "MISSING")));
    }
    return new DescribeServicesResponse(found, failures);
  }

  ListServicesResponse list(ListServicesRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    boolean anyLaunchType = request.launchType() == null || List.of("EC2", "EXTERNAL").contains(request.launchType());
    boolean anyStrategy = request.schedulingStrategy() == null || "REPLICA".equals(request.schedulingStrategy());
    List<String> arnsFound = services.inCluster(cluster.arn()).stream()
        .filter(s -> !ServiceState.INACTIVE.equals(s.status()))
        .filter(s -> anyLaunchType && anyStrategy)
        .map(ServiceState::arn)
        .toList();
    Pagination.Page<String> page = Pagination.page(arnsFound, request.nextToken(), request.maxResults());
    return new ListServicesResponse(page.items(), page.nextToken());
  }

  private Service describe(ServiceState service, List<String> include) {
    Map<String, int[]> counts = scheduler.countsByDeployment(service);
    List<Deployment> deployments = service.deployments().stream().map(d -> {
      int[] c = counts.getOrDefault(d.id(), new int[2]);
      return d.describe(d.isPrimary() ? service.settings().desiredCount() : c[0] + c[1], c[0], c[1]);
    }).toList();
    int pending = deployments.stream().mapToInt(Deployment::pendingCount).sum();
    int running = deployments.stream().mapToInt(Deployment::runningCount).sum();
    ServiceState.Settings s = service.settings();
    return new Service(service.arn(), service.name(), service.clusterArn(), List.of(), List.of(), service.status(),
        s.desiredCount(), running, pending, "EC2", service.primary().taskDefinition().taskDefinitionArn(),
        s.deploymentConfiguration(), deployments, service.events(), service.createdAt(), s.placementConstraints(),
        s.placementStrategy(), s.healthCheckGracePeriodSeconds(), "REPLICA", new Service.DeploymentController("ECS"),
        tags.ifIncluded(service.arn(), include), "arn:aws:iam::" + Arns.ACCOUNT_ID + ":root",
        Boolean.TRUE.equals(s.enableECSManagedTags()), s.propagateTags() == null ? "NONE" : s.propagateTags(),
        Boolean.TRUE.equals(s.enableExecuteCommand()));
  }

  private ServiceState existing(ClusterState cluster, String ref) {
    return services.find(cluster.arn(), ref)
        .orElseThrow(() -> new ApiException(ErrorShape.SERVICE_NOT_FOUND, "Service not found."));
  }

  private TaskDefinition activeDefinition(String reference) {
    if (reference == null || reference.isBlank()) {
      throw ApiException.invalidParameter("taskDefinition is required.");
    }
    TaskDefinition definition = definitions.find(reference)
        .orElseThrow(() -> ApiException.invalidParameter("TaskDefinition not found."));
    if (!definition.isActive()) {
      throw ApiException.invalidParameter("TaskDefinition is inactive");
    }
    return definition;
  }

  private static int desiredCount(int count) {
    if (count < 0) {
      throw ApiException.invalidParameter("desiredCount must be at least 0.");
    }
    return count;
  }

  private static DeploymentConfiguration checked(DeploymentConfiguration configuration) {
    int min = configuration.minimumHealthyPercent();
    int max = configuration.maximumPercent();
    if (min < 0 || min > 100) {
      throw ApiException.invalidParameter("minimumHealthyPercent must be between 0 and 100.");
    }
    if (max < 100) {
      throw ApiException.invalidParameter("maximumPercent must be at least 100 for a REPLICA service.");
    }
    return configuration;
  }

  private static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
