package org.ecsagent.emulator.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.Failure;
import org.ecsagent.emulator.arn.Arns;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.emulator.clusters.ClusterState;
import org.ecsagent.emulator.instances.Attribute;
import org.ecsagent.emulator.instances.ContainerInstanceState;
import org.ecsagent.emulator.placement.Demand;
import org.ecsagent.emulator.placement.PlacementConstraint;
import org.ecsagent.emulator.placement.PlacementSpec;
import org.ecsagent.emulator.placement.Placer;
import org.ecsagent.emulator.tags.ResourceTags;
import org.ecsagent.emulator.tags.Tag;
import org.ecsagent.emulator.taskdefs.ContainerDefinition;
import org.ecsagent.emulator.taskdefs.TaskDefinition;
import org.ecsagent.emulator.tasks.TaskOverride.ContainerOverride;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops tasks for whoever decides to: RunTask, StartTask, StopTask and the service
 * scheduler. It checks a launch, places tasks (with the task definition's own constraints added to
 * the caller's), stores them and tells the agents. State-thread only.
 */
public final class TaskLauncher {
  private static final Logger log = LoggerFactory.getLogger(TaskLauncher.class);
  private static final int MAX_STARTED_BY = 36;

  private final Tasks tasks;
  private final TaskDispatcher dispatcher;
  private final Placer placer;
  private final ResourceTags tags;
  private final Arns arns;
  private final IdGenerator ids;
  private final Clock clock;

  public TaskLauncher(Tasks tasks, TaskDispatcher dispatcher, Placer placer, ResourceTags tags, Arns arns,
      IdGenerator ids, Clock clock) {
    this.tasks = tasks;
    this.dispatcher = dispatcher;
    this.placer = placer;
    this.tags = tags;
    this.arns = arns;
    this.ids = ids;
    this.clock = clock;
  }

  /** A checked launch: what to start, however it is placed. */
  public record Launch(ClusterState cluster, TaskDefinition definition, TaskOverride overrides, String startedBy,
      String group, Demand demand, List<Tag> tags) {}

  /** What placing a number of tasks came to: those started (and sent to their agents), and why the rest were not. */
  public record Placed(List<TaskState> tasks, List<Failure> failures) {}

  /** Checks the overrides and startedBy; the group defaults to {@code family:<family>}, as in ECS. */
  public Launch launch(ClusterState cluster, TaskDefinition definition, TaskOverride requested, String startedBy,
      String group, List<Tag> taskTags) {
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
    ResourceTags.check(taskTags);
    return new Launch(cluster, definition, overrides, startedBy,
        group == null ? "family:" + definition.family() : group, TaskDemand.of(definition, overrides),
        taskTags == null ? List.of() : List.copyOf(taskTags));
  }

  /**
   * Places up to {@code count} tasks one by one (each sees the ones before it), starts them and
   * tells their agents. Stops at the first task that fits nowhere: the rest would not fit either.
   */
  public Placed place(Launch launch, int count, PlacementSpec spec, List<ContainerInstanceState> candidates) {
    PlacementSpec withDefinition = new PlacementSpec(spec.strategies(), constraints(spec, launch.definition()),
        spec.group(), spec.requireAgent());
    List<TaskState> started = new ArrayList<>();
    LinkedHashSet<Failure> failures = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      Placer.Outcome outcome = placer.place(launch.demand(), withDefinition, candidates);
      if (outcome.instance().isEmpty()) {
        failures.addAll(outcome.failures());
        break;
      }
      started.add(start(launch, outcome.instance().get()));
    }
    dispatch(started);
    return new Placed(started, List.copyOf(failures));
  }

  /** Why the task cannot start on this named instance (StartTask: no agent needed, no strategy), or empty. */
  public Optional<String> shortfall(Launch launch, ContainerInstanceState instance) {
    return placer.shortfall(launch.demand(), new PlacementSpec(List.of(), List.of(), launch.group(), false), instance);
  }

  /** Stores a task on the instance; the caller dispatches it. */
  public TaskState start(Launch launch, ContainerInstanceState instance) {
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
    String zone = instance.attributes().stream().filter(a -> "ecs.availability-zone".equals(a.name()))
        .map(Attribute::value).findFirst().orElse(arns.region() + "a");
    TaskState task = new TaskState(new TaskState.Placed(arns.task(clusterName, id), launch.cluster().arn(),
        instance.arn(), launch.definition(), launch.overrides(), launch.startedBy(), launch.group(), launch.demand(),
        attributes, zone, clock.instant()), containers);
    tasks.add(task);
    tags.tag(task.arn(), launch.tags());
    log.info("task {} ({}) placed on {}", task.arn(), launch.definition().family() + ":"
        + launch.definition().revision(), instance.arn());
    return task;
  }

  public void dispatch(List<TaskState> changed) {
    if (!changed.isEmpty()) {
      dispatcher.dispatch(changed);
    }
  }

  /** Asks the task's agent to stop it; returns whether it was not already stopping. */
  public boolean stop(TaskState task, String stopCode, String reason) {
    if (task.requestStop(stopCode, reason, clock.instant())) {
      log.info("task {} stopping ({}): {}", task.arn(), stopCode, task.describe().stoppedReason());
      dispatch(List.of(task));
      return true;
    }
    return false;
  }

  /** The task definition's own constraints (memberOf only, in ECS) apply to every launch of it. */
  private static List<PlacementConstraint> constraints(PlacementSpec spec, TaskDefinition definition) {
    List<PlacementConstraint> all = new ArrayList<>(spec.constraints());
    JsonNode own = definition.placementConstraints();
    if (own != null) {
      for (JsonNode c : own) {
        if ("memberOf".equals(c.path("type").asText()) && !c.path("expression").asText().isBlank()) {
          all.add(new PlacementConstraint("memberOf", c.path("expression").asText()));
        }
      }
    }
    return all;
  }
}
