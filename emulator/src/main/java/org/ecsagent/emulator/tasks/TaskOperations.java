package org.ecsagent.emulator.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.CallContext;
import org.ecsagent.emulator.api.Failure;
import org.ecsagent.emulator.api.OperationTable;
import org.ecsagent.emulator.api.Pagination;
import org.ecsagent.emulator.arn.Arns;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.emulator.clusters.ClusterState;
import org.ecsagent.emulator.clusters.Clusters;
import org.ecsagent.emulator.instances.Attribute;
import org.ecsagent.emulator.instances.ContainerInstanceState;
import org.ecsagent.emulator.instances.ContainerInstances;
import org.ecsagent.emulator.taskdefs.ContainerDefinition;
import org.ecsagent.emulator.taskdefs.TaskDefinition;
import org.ecsagent.emulator.taskdefs.TaskDefinitions;
import org.ecsagent.emulator.tasks.TaskOverride.ContainerOverride;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator's task operations: RunTask, StartTask, StopTask, DescribeTasks and ListTasks. */
public final class TaskOperations {
  private static final Logger log = LoggerFactory.getLogger(TaskOperations.class);
  private static final int MAX_COUNT = 10;
  private static final int MAX_STARTED_BY = 36;

  private final Clusters clusters;
  private final TaskDefinitions definitions;
  private final ContainerInstances instances;
  private final Tasks tasks;
  private final Placement placement;
  private final TaskDispatcher dispatcher;
  private final Arns arns;
  private final IdGenerator ids;
  private final Clock clock;

  public TaskOperations(Clusters clusters, TaskDefinitions definitions, ContainerInstances instances, Tasks tasks,
      TaskDispatcher dispatcher, Arns arns, IdGenerator ids, Clock clock, RandomGenerator random) {
    this.clusters = clusters;
    this.definitions = definitions;
    this.instances = instances;
    this.tasks = tasks;
    this.placement = new Placement(random, tasks);
    this.dispatcher = dispatcher;
    this.arns = arns;
    this.ids = ids;
    this.clock = clock;
  }

  public void registerWith(OperationTable table) {
    table.register("RunTask", RunTaskRequest.class, this::runTask)
        .register("StartTask", StartTaskRequest.class, this::startTask)
        .register("StopTask", StopTaskRequest.class, this::stopTask)
        .register("DescribeTasks", DescribeTasksRequest.class, this::describeTasks)
        .register("ListTasks", ListTasksRequest.class, this::listTasks);
  }

  public record RunTaskRequest(String cluster, Integer count, String group, String launchType,
      TaskOverride overrides, String startedBy, String taskDefinition, JsonNode tags) {}

  public record StartTaskRequest(String cluster, List<String> containerInstances, String group,
      TaskOverride overrides, String startedBy, String taskDefinition, JsonNode tags) {}

  public record TasksResponse(List<Task> tasks, List<Failure> failures) {}

  public record StopTaskRequest(String cluster, String task, String reason) {}

  public record StopTaskResponse(Task task) {}

  public record DescribeTasksRequest(String cluster, List<String> tasks, List<String> include) {}

  public record ListTasksRequest(String cluster, String containerInstance, String family, String nextToken,
      Integer maxResults, String startedBy, String serviceName, String desiredStatus, String launchType) {}

  public record ListTasksResponse(List<String> taskArns, String nextToken) {}

  /** A validated RunTask/StartTask: what to start, however it is placed. */
  private record Launch(ClusterState cluster, TaskDefinition definition, TaskOverride overrides, String startedBy,
      String group, Demand demand) {}

  TasksResponse runTask(RunTaskRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    Launch launch = launch(cluster, request.taskDefinition(), request.overrides(), request.startedBy(),
        request.group());
    int count = request.count() == null ? 1 : request.count();
    if (count < 1 || count > MAX_COUNT) {
      throw ApiException.invalidParameter("count must be between 1 and " + MAX_COUNT + ".");
    }
    if (request.launchType() != null && !List.of("EC2", "EXTERNAL").contains(request.launchType())) {
      throw ApiException.invalidParameter("The emulator runs tasks on container instances only (launch type EC2), not "
          + request.launchType() + ".");
    }
    List<ContainerInstanceState> candidates = instances.inCluster(cluster.arn()).stream()
        .filter(ContainerInstanceState::isActive).toList();
    if (candidates.isEmpty()) {
      // What real ECS answers on an EC2 cluster without instances: an error, not a Failure entry.
      throw ApiException.invalidParameter("No Container Instances were found in your cluster.");
    }
    List<TaskState> started = new ArrayList<>();
    LinkedHashSet<Failure> failures = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      Placement.Outcome outcome = placement.place(launch.demand(), candidates);
      if (outcome.instance().isEmpty()) {
        failures.addAll(outcome.failures());
        break; // usage only grows within one call, so the rest would not fit either
      }
      started.add(start(launch, outcome.instance().get()));
    }
    return started(started, List.copyOf(failures));
  }

  TasksResponse startTask(StartTaskRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    Launch launch = launch(cluster, request.taskDefinition(), request.overrides(), request.startedBy(),
        request.group());
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
      placement.shortfall(launch.demand(), instance.get()).ifPresentOrElse(
          reason -> failures.add(Failure.of(instance.get().arn(), reason)),
          () -> started.add(start(launch, instance.get())));
    }
    return started(started, failures);
  }

  StopTaskResponse stopTask(StopTaskRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    TaskState task = findIn(cluster, request.task())
        .orElseThrow(() -> ApiException.invalidParameter("The referenced task was not found."));
    if (task.requestStop(request.reason(), clock.instant())) {
      log.info("task {} stopping: {}", task.arn(), request.reason() == null ? "stopped by user" : request.reason());
      dispatcher.dispatch(List.of(task));
    }
    return new StopTaskResponse(task.describe());
  }

  TasksResponse describeTasks(DescribeTasksRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    if (request.tasks() == null || request.tasks().isEmpty()) {
      throw ApiException.invalidParameter("Tasks cannot be empty.");
    }
    List<Task> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : request.tasks()) {
      findIn(cluster, ref).ifPresentOrElse(t -> found.add(t.describe()), () -> failures.add(Failure.of(ref, "MISSING")));
    }
    return new TasksResponse(found, failures);
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

  private Launch launch(ClusterState cluster, String taskDefinition, TaskOverride requested, String startedBy,
      String group) {
    if (taskDefinition == null || taskDefinition.isBlank()) {
      throw ApiException.invalidParameter("taskDefinition is required.");
    }
    TaskDefinition definition = definitions.find(taskDefinition)
        .orElseThrow(() -> ApiException.invalidParameter("TaskDefinition not found."));
    TaskOverride overrides = requested == null ? TaskOverride.NONE : requested;
    if (overrides.containerOverrides() != null) {
      for (ContainerOverride o : overrides.containerOverrides()) {
        if (o.name() == null || definition.container(o.name()).isEmpty()) {
          throw ApiException.invalidParameter(
              "Override for container named " + o.name() + " is not a container in the TaskDefinition.");
        }
      }
    }
    if (startedBy != null && startedBy.length() > MAX_STARTED_BY) {
      throw ApiException.invalidParameter("startedBy must be at most " + MAX_STARTED_BY + " characters.");
    }
    return new Launch(cluster, definition, overrides, startedBy,
        group == null ? "family:" + definition.family() : group, Demand.of(definition, overrides));
  }

  private TaskState start(Launch launch, ContainerInstanceState instance) {
    String id = ids.hex32();
    String clusterName = launch.cluster().name();
    List<ContainerState> containers = new ArrayList<>();
    for (ContainerDefinition c : launch.definition().containerDefinitions()) {
      Optional<ContainerOverride> o = launch.overrides().forContainer(c.name());
      containers.add(new ContainerState(arns.container(clusterName, id, ids.uuid()), c.name(), c.image(),
          o.map(ContainerOverride::cpu).orElse(c.cpu()),
          o.map(ContainerOverride::memory).orElse(c.memory()),
          o.map(ContainerOverride::memoryReservation).orElse(c.memoryReservation())));
    }
    List<Attribute> attributes = instance.attributes().stream()
        .filter(a -> "ecs.cpu-architecture".equals(a.name()))
        .map(a -> new Attribute(a.name(), a.value(), null, null))
        .toList();
    TaskState task = new TaskState(new TaskState.Placed(arns.task(clusterName, id), launch.cluster().arn(),
        instance.arn(), launch.definition(), launch.overrides(), launch.startedBy(), launch.group(), launch.demand(),
        attributes, arns.region() + "a", clock.instant()), containers);
    tasks.add(task);
    log.info("task {} ({}) placed on {}", task.arn(), launch.definition().family() + ":"
        + launch.definition().revision(), instance.arn());
    return task;
  }

  private TasksResponse started(List<TaskState> started, List<Failure> failures) {
    if (!started.isEmpty()) {
      dispatcher.dispatch(started);
    }
    return new TasksResponse(started.stream().map(TaskState::describe).toList(), failures);
  }

  private Optional<TaskState> findIn(ClusterState cluster, String ref) {
    return tasks.find(ref).filter(t -> t.clusterArn().equals(cluster.arn()));
  }
}
