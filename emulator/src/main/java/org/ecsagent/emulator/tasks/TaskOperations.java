package org.ecsagent.emulator.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.CallContext;
import org.ecsagent.emulator.api.Failure;
import org.ecsagent.emulator.api.OperationTable;
import org.ecsagent.emulator.api.Pagination;
import org.ecsagent.emulator.arn.Arns;
import org.ecsagent.emulator.clusters.ClusterState;
import org.ecsagent.emulator.clusters.Clusters;
import org.ecsagent.emulator.instances.ContainerInstanceState;
import org.ecsagent.emulator.instances.ContainerInstances;
import org.ecsagent.emulator.placement.PlacementConstraint;
import org.ecsagent.emulator.placement.PlacementSpec;
import org.ecsagent.emulator.placement.PlacementStrategy;
import org.ecsagent.emulator.tags.ResourceTags;
import org.ecsagent.emulator.tags.Tag;
import org.ecsagent.emulator.taskdefs.TaskDefinition;
import org.ecsagent.emulator.taskdefs.TaskDefinitions;

/**
 * The operator's task operations: RunTask (placed by strategies and constraints, on instances
 * whose agent is connected), StartTask (on named instances), StopTask, DescribeTasks and ListTasks.
 */
public final class TaskOperations {
  private static final int MAX_COUNT = 10;

  private final Clusters clusters;
  private final TaskDefinitions definitions;
  private final ContainerInstances instances;
  private final Tasks tasks;
  private final TaskLauncher launcher;
  private final ResourceTags tags;

  public TaskOperations(Clusters clusters, TaskDefinitions definitions, ContainerInstances instances, Tasks tasks,
      TaskLauncher launcher, ResourceTags tags) {
    this.clusters = clusters;
    this.definitions = definitions;
    this.instances = instances;
    this.tasks = tasks;
    this.launcher = launcher;
    this.tags = tags;
  }

  public void registerWith(OperationTable table) {
    table.register("RunTask", RunTaskRequest.class, this::runTask)
        .register("StartTask", StartTaskRequest.class, this::startTask)
        .register("StopTask", StopTaskRequest.class, this::stopTask)
        .register("DescribeTasks", DescribeTasksRequest.class, this::describeTasks)
        .register("ListTasks", ListTasksRequest.class, this::listTasks);
  }

  public record RunTaskRequest(String cluster, Integer count, String group, String launchType,
      TaskOverride overrides, String startedBy, String taskDefinition, List<Tag> tags,
      List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy) {}

  public record StartTaskRequest(String cluster, List<String> containerInstances, String group,
      TaskOverride overrides, String startedBy, String taskDefinition, List<Tag> tags) {}

  public record TasksResponse(List<Task> tasks, List<Failure> failures) {}

  public record StopTaskRequest(String cluster, String task, String reason) {}

  public record StopTaskResponse(Task task) {}

  public record DescribeTasksRequest(String cluster, List<String> tasks, List<String> include) {}

  public record DescribeTasksResponse(List<Task> tasks, List<Failure> failures) {}

  public record ListTasksRequest(String cluster, String containerInstance, String family, String nextToken,
      Integer maxResults, String startedBy, String serviceName, String desiredStatus, String launchType) {}

  public record ListTasksResponse(List<String> taskArns, String nextToken) {}

  TasksResponse runTask(RunTaskRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    TaskDefinition definition = activeDefinition(request.taskDefinition());
    TaskLauncher.Launch launch = launcher.launch(cluster, definition, request.overrides(), request.startedBy(),
        request.group(), request.tags());
    int count = request.count() == null ? 1 : request.count();
    if (count < 1 || count > MAX_COUNT) {
      throw ApiException.invalidParameter("count must be between 1 and " + MAX_COUNT + ".");
    }
    if (request.launchType() != null && !List.of("EC2", "EXTERNAL").contains(request.launchType())) {
      throw ApiException.invalidParameter("The emulator runs tasks on container instances only (launch type EC2), not "
          + request.launchType() + ".");
    }
    PlacementSpec.validate(request.placementStrategy(), request.placementConstraints());
    List<ContainerInstanceState> candidates = instances.inCluster(cluster.arn()).stream()
        .filter(ContainerInstanceState::isActive).toList();
    if (candidates.isEmpty()) {
      // What real ECS answers on an EC2 cluster without instances: an error, not a Failure entry.
      throw ApiException.invalidParameter("No Container Instances were found in your cluster.");
    }
    List<PlacementStrategy> strategies = request.placementStrategy() == null || request.placementStrategy().isEmpty()
        ? List.of(PlacementStrategy.RANDOM) : request.placementStrategy();
    TaskLauncher.Placed placed = launcher.place(launch, count,
        new PlacementSpec(strategies, request.placementConstraints(), launch.group(), true), candidates);
    return response(placed.tasks(), placed.failures());
  }

  TasksResponse startTask(StartTaskRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    TaskLauncher.Launch launch = launcher.launch(cluster, activeDefinition(request.taskDefinition()),
        request.overrides(), request.startedBy(), request.group(), request.tags());
    if (request.containerInstances() == null || request.containerInstances().isEmpty()
        || request.containerInstances().size() > MAX_COUNT) {
      throw ApiException.invalidParameter("containerInstances must name between 1 and " + MAX_COUNT + " instances.");
    }
    List<TaskState> started = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : request.containerInstances()) {
      Optional<ContainerInstanceState> instance = instances.find(ref)
          .filter(i -> i.clusterArn().equals(cluster.arn()));
      if (instance.isEmpty()) {
        failures.add(Failure.of(ref, "MISSING"));
        continue;
      }
      launcher.shortfall(launch, instance.get()).ifPresentOrElse(
          reason -> failures.add(Failure.of(instance.get().arn(), reason)),
          () -> started.add(launcher.start(launch, instance.get())));
    }
    launcher.dispatch(started);
    return response(started, failures);
  }

  StopTaskResponse stopTask(StopTaskRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    TaskState task = findIn(cluster, request.task())
        .orElseThrow(() -> ApiException.invalidParameter("The referenced task was not found."));
    launcher.stop(task, TaskState.USER_INITIATED, request.reason());
    return new StopTaskResponse(task.describe());
  }

  DescribeTasksResponse describeTasks(DescribeTasksRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    if (request.tasks() == null || request.tasks().isEmpty()) {
      throw ApiException.invalidParameter("Tasks cannot be empty.");
    }
    List<Task> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : request.tasks()) {
      findIn(cluster, ref).ifPresentOrElse(t -> found.add(t.describe(tags.ifIncluded(t.arn(), request.include()))),
          () -> failures.add(Failure.of(ref, "MISSING")));
    }
    return new DescribeTasksResponse(found, failures);
  }

  ListTasksResponse listTasks(ListTasksRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    // As ECS: without a desiredStatus filter, only tasks meant to be running are listed.
    LifecycleStatus desired = request.desiredStatus() == null ? LifecycleStatus.RUNNING
        : LifecycleStatus.parse(request.desiredStatus()).orElseThrow(() -> ApiException.invalidParameter(
            "desiredStatus must be one of RUNNING, PENDING, STOPPED."));
    String instanceId = request.containerInstance() == null ? null : Arns.resourceId(request.containerInstance());
    List<String> arns = tasks.inCluster(cluster.arn()).stream()
        .filter(t -> t.desiredStatus() == desired)
        .filter(t -> instanceId == null || Arns.resourceId(t.containerInstanceArn()).equals(instanceId))
        .filter(t -> request.family() == null || t.definition().family().equals(request.family()))
        .filter(t -> request.startedBy() == null || request.startedBy().equals(t.startedBy()))
        .filter(t -> request.serviceName() == null || ("service:" + request.serviceName()).equals(t.group()))
        .filter(t -> request.launchType() == null || List.of("EC2", "EXTERNAL").contains(request.launchType()))
        .map(TaskState::arn)
        .toList();
    Pagination.Page<String> page = Pagination.page(arns, request.nextToken(), request.maxResults());
    return new ListTasksResponse(page.items(), page.nextToken());
  }

  /** RunTask, StartTask and CreateService take an ACTIVE revision only; running tasks keep theirs. */
  private TaskDefinition activeDefinition(String reference) {
    if (reference == null || reference.isBlank()) {
      throw ApiException.invalidParameter("taskDefinition is required.");
    }
    TaskDefinition definition = definitions.find(reference)
        .orElseThrow(() -> ApiException.invalidParameter("TaskDefinition not found."));
    if (!definition.isActive()) {
      throw ApiException.client("TaskDefinition is inactive");
    }
    return definition;
  }

  private TasksResponse response(List<TaskState> started, List<Failure> failures) {
    return new TasksResponse(started.stream().map(t -> t.describe(tags.of(t.arn()))).toList(), failures);
  }

  private Optional<TaskState> findIn(ClusterState cluster, String ref) {
    return tasks.find(ref).filter(t -> t.clusterArn().equals(cluster.arn()));
  }
}
