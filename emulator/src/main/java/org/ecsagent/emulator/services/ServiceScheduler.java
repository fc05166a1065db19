package org.ecsagent.emulator.services;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecsagent.emulator.api.Failure;
import org.ecsagent.emulator.arn.Arns;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.emulator.clusters.ClusterState;
import org.ecsagent.emulator.clusters.Clusters;
import org.ecsagent.emulator.instances.ContainerInstanceState;
import org.ecsagent.emulator.instances.ContainerInstances;
import org.ecsagent.emulator.placement.PlacementSpec;
import org.ecsagent.emulator.placement.PlacementStrategy;
import org.ecsagent.emulator.placement.Placer;
import org.ecsagent.emulator.tags.ResourceTags;
import org.ecsagent.emulator.tags.Tag;
import org.ecsagent.emulator.tasks.LifecycleStatus;
import org.ecsagent.emulator.tasks.TaskLauncher;
import org.ecsagent.emulator.tasks.TaskOverride;
import org.ecsagent.emulator.tasks.TaskState;
import org.ecsagent.emulator.tasks.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service scheduler: on every tick (and right after each service operation) it brings each
 * service toward its desired count, as ECS's rolling update does.
 *
 * <ol>
 *   <li>Watches the tasks it started: a task that stopped by itself counts against its deployment
 *       (the circuit breaker), and one that never reached RUNNING throttles launches with
 *       exponential backoff.</li>
 *   <li>Tasks of older deployments and tasks on DRAINING instances are to be replaced: PENDING
 *       ones are stopped at once, RUNNING ones only while at least minimumHealthyPercent of the
 *       desired count stays RUNNING.</li>
 *   <li>New tasks of the PRIMARY deployment are started while fewer than desired, as long as no
 *       more than maximumPercent of the desired count are in flight.</li>
 *   <li>A deployment with no tasks left goes away; when only the PRIMARY is left with all its
 *       tasks RUNNING, and they have stayed so for {@link #STABILIZATION}, it is COMPLETED and the
 *       service has reached a steady state. (So a task that crashes right after it starts still
 *       counts against an in-progress deployment.)</li>
 * </ol>
 *
 * Time is the injected clock's. State-thread only.
 */
final class ServiceScheduler {
  private static final Logger log = LoggerFactory.getLogger(ServiceScheduler.class);
  /** After the second start failure in a row, launches wait 10 s, then 20 s, 40 s, ... up to 27 min (ECS's maximum). */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(27);
  /** ECS's circuit breaker threshold: half the desired count, at least 3 and at most 200 failed tasks. */
  static final int MIN_THRESHOLD = 3;
  static final int MAX_THRESHOLD = 200;
  private static final int THROTTLE_EVENT_AFTER = 3;
  /** How long a deployment's tasks must all stay RUNNING before it is COMPLETED. */
  static final Duration STABILIZATION = Duration.ofSeconds(10);
  private static final List<PlacementStrategy> DEFAULT_STRATEGY =
      List.of(PlacementStrategy.SPREAD_ZONES, PlacementStrategy.SPREAD_INSTANCES);

  private final Services services;
  private final Clusters clusters;
  private final ContainerInstances instances;
  private final Tasks tasks;
  private final TaskLauncher launcher;
  private final ResourceTags tags;
  private final IdGenerator ids;
  private final Clock clock;

  ServiceScheduler(Services services, Clusters clusters, ContainerInstances instances, Tasks tasks,
      TaskLauncher launcher, ResourceTags tags, IdGenerator ids, Clock clock) {
    this.services = services;
    this.clusters = clusters;
    this.instances = instances;
    this.tasks = tasks;
    this.launcher = launcher;
    this.tags = tags;
    this.ids = ids;
    this.clock = clock;
  }

  void tick() {
    for (ServiceState service : services.all()) {
      if (!ServiceState.INACTIVE.equals(service.status())) {
        reconcile(service);
      }
    }
  }

  void reconcile(ServiceState service) {
    Instant now = clock.instant();
    Optional<ClusterState> cluster = clusters.find(service.clusterArn());
    if (cluster.isEmpty()) {
      return;
    }
    List<TaskState> all = tasks.inGroup(service.clusterArn(), service.group()).stream()
        .filter(t -> instances.find(t.containerInstanceArn()).map(ContainerInstanceState::isRegistered).orElse(false))
        .toList();
    observe(service, all, now);
    if (ServiceState.DRAINING.equals(service.status())) {
      drain(service, all);
      return;
    }
    Rollout rollout = new Rollout(service, all, now);
    rollout.retirePending();
    rollout.scaleIn();
    rollout.launch(cluster.get());
    rollout.retireRunning();
    rollout.finish();
  }

  /** A new deployment's id: {@code ecs-svc/} and 19 digits, as ECS makes them. */
  String newDeploymentId() {
    StringBuilder digits = new StringBuilder("ecs-svc/");
    String hex = ids.hex32();
    for (int i = 0; digits.length() < "ecs-svc/".length() + 19; i++) {
      digits.append(Character.digit(hex.charAt(i % hex.length()), 16) % 10);
    }
    return digits.toString();
  }

  static int failureThreshold(int desiredCount) {
    return Math.clamp((long) Math.ceil(desiredCount * 0.5), MIN_THRESHOLD, MAX_THRESHOLD);
  }

  static Duration backoff(int consecutiveStartFailures) {
    if (consecutiveStartFailures < 2) {
      return Duration.ZERO;
    }
    int doublings = Math.min(consecutiveStartFailures - 2, 20);
    Duration delay = FIRST_BACKOFF.multipliedBy(1L << doublings);
    return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
  }

  /** Notices the watched tasks that stopped or started since the last look. */
  private void observe(ServiceState service, List<TaskState> all, Instant now) {
    for (TaskState task : all) {
      if (!service.watched().contains(task.arn())) {
        continue;
      }
      if (task.isStopped()) {
        service.watched().remove(task.arn());
        String code = task.stopCode();
        if (!TaskState.USER_INITIATED.equals(code) && !TaskState.SERVICE_SCHEDULER_INITIATED.equals(code)) {
          failed(service, task, now);
        }
      } else if (task.hasStarted() && service.startFailures() > 0) {
        service.startFailures(0);
        service.nextLaunchAt(Instant.MIN);
      }
    }
  }

  private void failed(ServiceState service, TaskState task, Instant now) {
    log.info("service {}: task {} stopped by itself ({})", service.name(), task.arn(), task.stopCode());
    Optional<DeploymentState> deployment = service.deployment(task.startedBy());
    deployment.ifPresent(d -> d.taskFailed(now));
    if (!task.hasStarted()) {
      int failures = service.startFailures() + 1;
      service.startFailures(failures);
      service.nextLaunchAt(now.plus(backoff(failures)));
      if (failures == THROTTLE_EVENT_AFTER) {
        event(service, "is unable to consistently start tasks successfully.");
      }
    }
    DeploymentConfiguration config = service.settings().deploymentConfiguration();
    deployment.filter(d -> DeploymentState.IN_PROGRESS.equals(d.rolloutState()))
        .filter(d -> config.circuitBreakerEnabled())
        .filter(d -> d.failedTasks() >= failureThreshold(service.settings().desiredCount()))
        .ifPresent(d -> trip(service, d, now));
  }

  /** The circuit breaker: the deployment FAILED; with rollback, the last COMPLETED one comes back. */
  private void trip(ServiceState service, DeploymentState failed, Instant now) {
    failed.rollout(DeploymentState.FAILED, "ECS deployment circuit breaker: tasks failed to start.", now);
    event(service, "(deployment " + failed.id() + ") deployment failed: tasks failed to start.");
    if (!service.settings().deploymentConfiguration().rollbackEnabled()) {
      return;
    }
    Optional<ServiceState.Completed> target = service.lastCompleted().filter(c -> !c.deploymentId().equals(failed.id()));
    if (target.isEmpty()) {
      event(service, "(deployment " + failed.id() + ") has no completed deployment to roll back to.");
      return;
    }
    DeploymentState back = service.deployment(target.get().deploymentId())
        .orElseGet(() -> new DeploymentState(target.get().deploymentId(), target.get().taskDefinition(), now));
    back.rollout(DeploymentState.IN_PROGRESS,
        "ECS deployment circuit breaker: rolling back to deploymentId " + back.id() + ".", now);
    service.promote(back, now);
    service.startFailures(0);
    service.nextLaunchAt(Instant.MIN);
    event(service, "(deployment " + failed.id() + ") rolling back to deployment " + back.id() + ".");
  }

  /** A deleted service: every task is stopped; once all have, the service is INACTIVE. */
  private void drain(ServiceState service, List<TaskState> all) {
    List<TaskState> stopping = all.stream().filter(t -> !t.isStopped()).toList();
    List<TaskState> stopped = stopping.stream()
        .filter(t -> launcher.stop(t, TaskState.SERVICE_SCHEDULER_INITIATED, "Service " + service.name() + " deleted"))
        .toList();
    if (!stopped.isEmpty()) {
      event(service, "has stopped " + stopped.size() + " running tasks: " + taskList(stopped) + ".");
    }
    if (stopping.isEmpty()) {
      service.status(ServiceState.INACTIVE);
      log.info("service {} is INACTIVE", service.arn());
    }
  }

  /** One pass of the rolling update over one service. */
  private final class Rollout {
    private final ServiceState service;
    private final List<TaskState> all;
    private final Instant now;
    private final int desired;
    private final DeploymentState primary;
    private final List<TaskState> keep = new ArrayList<>();
    private final List<TaskState> replace = new ArrayList<>();
    private final Set<String> stoppedNow = new HashSet<>();

    Rollout(ServiceState service, List<TaskState> all, Instant now) {
      this.service = service;
      this.all = all;
      this.now = now;
      this.desired = service.settings().desiredCount();
      this.primary = service.primary();
      for (TaskState task : all) {
        if (task.isStopped() || task.desiredStatus() != LifecycleStatus.RUNNING) {
          continue;
        }
        boolean draining = instances.find(task.containerInstanceArn()).map(ContainerInstanceState::isDraining)
            .orElse(false);
        (primary.id().equals(task.startedBy()) && !draining ? keep : replace).add(task);
      }
    }

    /** Tasks to be replaced that are not RUNNING yet serve nobody: they go at once. */
    void retirePending() {
      stop(replace.stream().filter(t -> t.lastStatus() == LifecycleStatus.PENDING).toList(), reasonFor(primary));
    }

    /** More tasks than desired: PENDING ones go first, then the newest. */
    void scaleIn() {
      int excess = keep.size() - desired;
      if (excess <= 0) {
        return;
      }
      List<TaskState> order = keep.stream()
          .sorted(Comparator.comparing((TaskState t) -> t.lastStatus() == LifecycleStatus.RUNNING)
              .thenComparing(TaskState::createdAt, Comparator.reverseOrder()))
          .limit(excess).toList();
      stop(order, reasonFor(primary));
      keep.removeAll(order);
    }

    void launch(ClusterState cluster) {
      int maxTotal = (int) Math.floor(desired * maximumPercent() / 100.0);
      int inFlight = (int) all.stream().filter(t -> !t.isStopped()).count();
      int wanted = Math.min(desired - keep.size(), maxTotal - inFlight);
      if (wanted <= 0 || DeploymentState.FAILED.equals(primary.rolloutState()) || now.isBefore(service.nextLaunchAt())) {
        return;
      }
      ServiceState.Settings settings = service.settings();
      List<ContainerInstanceState> candidates = instances.inCluster(cluster.arn()).stream()
          .filter(ContainerInstanceState::isActive).toList();
      if (candidates.isEmpty()) {
        placementFailed("Reason: No Container Instances were found in your cluster.");
        return;
      }
      List<PlacementStrategy> strategies = settings.placementStrategy() == null || settings.placementStrategy().isEmpty()
          ? DEFAULT_STRATEGY : settings.placementStrategy();
      TaskLauncher.Launch launch = launcher.launch(cluster, primary.taskDefinition(), TaskOverride.NONE, primary.id(),
          service.group(), propagatedTags());
      TaskLauncher.Placed placed = launcher.place(launch, wanted,
          new PlacementSpec(strategies, settings.placementConstraints(), service.group(), true), candidates);
      if (!placed.tasks().isEmpty()) {
        placed.tasks().forEach(t -> service.watched().add(t.arn()));
        keep.addAll(placed.tasks());
        event(service, "has started " + placed.tasks().size() + " tasks: " + taskList(placed.tasks()) + ".");
      }
      if (!placed.failures().isEmpty()) {
        placementFailed(closestMatch(placed.failures().get(0)));
      }
    }

    /** RUNNING tasks to be replaced go only while enough stay RUNNING (or all, once the new ones run). */
    void retireRunning() {
      List<TaskState> running = replace.stream()
          .filter(t -> t.lastStatus() == LifecycleStatus.RUNNING && !stoppedNow.contains(t.arn()))
          .sorted(Comparator.comparing(TaskState::createdAt))
          .toList();
      if (running.isEmpty()) {
        return;
      }
      long keepRunning = keep.stream().filter(t -> t.lastStatus() == LifecycleStatus.RUNNING).count();
      int minHealthy = (int) Math.ceil(desired * minimumHealthyPercent() / 100.0);
      long canStop = keepRunning >= desired ? running.size() : keepRunning + running.size() - minHealthy;
      stop(running.stream().limit(Math.max(0, canStop)).toList(), reasonFor(primary));
    }

    /** Deployments without tasks go; the primary completes and the service is steady once all run. */
    void finish() {
      for (DeploymentState deployment : service.deployments()) {
        boolean hasTasks = all.stream().anyMatch(t -> !t.isStopped() && deployment.id().equals(t.startedBy()));
        if (!deployment.isPrimary() && !hasTasks) {
          service.retire(deployment);
        }
      }
      long others = all.stream().filter(t -> !t.isStopped() && !keep.contains(t)).count();
      boolean steady = service.deployments().size() == 1 && others == 0 && keep.size() == desired
          && keep.stream().allMatch(t -> t.lastStatus() == LifecycleStatus.RUNNING);
      if (!steady) {
        service.steady(false);
        service.runningSince(null);
        return;
      }
      if (service.runningSince() == null) {
        service.runningSince(now);
      }
      if (now.isBefore(service.runningSince().plus(STABILIZATION))) {
        return;
      }
      if (DeploymentState.IN_PROGRESS.equals(primary.rolloutState())) {
        primary.rollout(DeploymentState.COMPLETED, "ECS deployment " + primary.id() + " completed.", now);
        service.completed(primary);
        event(service, "(deployment " + primary.id() + ") deployment completed.");
      }
      if (!service.steady()) {
        service.steady(true);
        event(service, "has reached a steady state.");
      }
    }

    private void stop(List<TaskState> chosen, String reason) {
      List<TaskState> stopped = chosen.stream().filter(t -> !stoppedNow.contains(t.arn()))
          .filter(t -> launcher.stop(t, TaskState.SERVICE_SCHEDULER_INITIATED, reason)).toList();
      stopped.forEach(t -> stoppedNow.add(t.arn()));
      if (!stopped.isEmpty()) {
        event(service, "has stopped " + stopped.size() + " running tasks: " + taskList(stopped) + ".");
      }
    }

    private void placementFailed(String detail) {
      service.event(new ServiceEvent(ids.uuid(), now, "(service " + service.name() + ") was unable to place a task "
          + "because no container instance met all of its requirements. " + detail), true);
    }

    private List<Tag> propagatedTags() {
      return switch (String.valueOf(service.settings().propagateTags())) {
        case "SERVICE" -> tags.of(service.arn());
        case "TASK_DEFINITION" -> tags.of(primary.taskDefinition().taskDefinitionArn());
        default -> List.of();
      };
    }

    private double maximumPercent() {
      return service.settings().deploymentConfiguration().maximumPercent();
    }

    private double minimumHealthyPercent() {
      return service.settings().deploymentConfiguration().minimumHealthyPercent();
    }
  }

  private static String reasonFor(DeploymentState primary) {
    return "Scaling activity initiated by (deployment " + primary.id() + ")";
  }

  /** ECS names the closest matching instance and what it lacks. */
  private static String closestMatch(Failure failure) {
    String what = switch (failure.reason()) {
      case "RESOURCE:MEMORY" -> "has insufficient memory available.";
      case "RESOURCE:CPU" -> "has insufficient CPU units available.";
      case "RESOURCE:PORTS", "RESOURCE:PORTS_UDP" -> "is already using a port required by your task.";
      case Placer.AGENT -> "has no connected agent.";
      default -> "does not satisfy: " + failure.reason();
    };
    return "The closest matching (container-instance " + Arns.resourceId(failure.arn()) + ") " + what
        + " For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
  }

  private void event(ServiceState service, String text) {
    service.event(new ServiceEvent(ids.uuid(), clock.instant(), "(service " + service.name() + ") " + text), false);
  }

  private static String taskList(List<TaskState> list) {
    return list.stream().map(t -> "(task " + Arns.resourceId(t.arn()) + ")").collect(Collectors.joining(" "));
  }

  /** For descriptions: a deployment's PENDING and RUNNING tasks. */
  Map<String, int[]> countsByDeployment(ServiceState service) {
    Map<String, int[]> counts = new java.util.HashMap<>();
    for (TaskState task : tasks.inGroup(service.clusterArn(), service.group())) {
      if (task.isStopped() || task.startedBy() == null) {
        continue;
      }
      int[] c = counts.computeIfAbsent(task.startedBy(), k -> new int[2]);
      c[task.lastStatus() == LifecycleStatus.RUNNING ? 1 : 0]++;
    }
    return counts;
  }
}
