package org.ecsagent.emulator.tasks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecsagent.emulator.instances.Attribute;
import org.ecsagent.emulator.placement.Demand;
import org.ecsagent.emulator.tags.Tag;
import org.ecsagent.emulator.taskdefs.TaskDefinition;

/**
 * One task as the control plane tracks it: placement, desired status, and what the agent last
 * reported. Mutable, owned by the state thread; {@link #describe} makes the API view.
 *
 * <p>Reports are idempotent (statuses only move forward, first timestamps stick), so the agent
 * may retry a submission as often as it likes. The {@code version} counts real changes.
 */
public final class TaskState {
  /** Stop codes of tasks someone asked to stop (as opposed to tasks that stopped by themselves). */
  public static final String USER_INITIATED = "UserInitiated";
  public static final String SERVICE_SCHEDULER_INITIATED = "ServiceSchedulerInitiated";

  /** Container reasons the agent gives when a task could not start (original agent's error names). */
  private static final List<String> START_FAILURES = List.of("CannotPullContainerError",
      "CannotPullImageManifestError", "CannotCreateContainerError", "CannotStartContainerError",
      "CannotInspectContainerError", "ResourceInitializationError");

  /** Where the task runs and what it is made of; fixed when it is placed. */
  record Placed(String arn, String clusterArn, String containerInstanceArn, TaskDefinition definition,
      TaskOverride overrides, String startedBy, String group, Demand demand, List<Attribute> attributes,
      String availabilityZone, Instant createdAt) {}

  /** A SubmitTaskStateChange, read into values; absent members leave the task as it is. */
  record Report(LifecycleStatus status, String reason, Map<String, ContainerState.Report> containers,
      Instant pullStartedAt, Instant pullStoppedAt, Instant executionStoppedAt) {}

  private final Placed placed;
  private final List<ContainerState> containers;
  private LifecycleStatus lastStatus = LifecycleStatus.PENDING;
  private LifecycleStatus desiredStatus = LifecycleStatus.RUNNING;
  private Instant startedAt;
  private Instant stoppingAt;
  private Instant stoppedAt;
  private Instant pullStartedAt;
  private Instant pullStoppedAt;
  private Instant executionStoppedAt;
  private String stopCode;
  private String stoppedReason;
  private long version = 1;

  TaskState(Placed placed, List<ContainerState> containers) {
    this.placed = placed;
    this.containers = List.copyOf(containers);
  }

  /**
   * StopTask (stop code {@code UserInitiated}) or the service scheduler
   * ({@code ServiceSchedulerInitiated}): the desired status becomes STOPPED (the agent is told),
   * unless the task already stopped or is already stopping.
   *
   * @return whether anything changed, i.e. whether the agent must be told
   */
  boolean requestStop(String code, String reason, Instant now) {
    if (lastStatus == LifecycleStatus.STOPPED || desiredStatus == LifecycleStatus.STOPPED) {
      return false;
    }
    desiredStatus = LifecycleStatus.STOPPED;
    stopCode = code;
    stoppedReason = reason == null || reason.isBlank() ? "Task stopped by user" : reason;
    stoppingAt = now;
    version++;
    return true;
  }

  /** Applies the agent's report of the task (and its containers); returns whether anything changed. */
  boolean apply(Report report, Instant now) {
    Task before = describe();
    Map<String, ContainerState> byName = containers.stream()
        .collect(Collectors.toMap(ContainerState::name, Function.identity()));
    report.containers().forEach((name, change) -> {
      ContainerState container = byName.get(name);
      if (container != null) {
        container.apply(change);
      }
    });
    pullStartedAt = firstSet(pullStartedAt, report.pullStartedAt());
    pullStoppedAt = firstSet(pullStoppedAt, report.pullStoppedAt());
    executionStoppedAt = firstSet(executionStoppedAt, report.executionStoppedAt());
    if (report.status() != null && report.status().isAfter(lastStatus)) {
      lastStatus = report.status();
      if (lastStatus == LifecycleStatus.RUNNING) {
        startedAt = now;
      } else if (lastStatus == LifecycleStatus.STOPPED) {
        stopped(report.reason(), now);
      }
    }
    boolean changed = !before.equals(describe());
    if (changed) {
      version++;
    }
    return changed;
  }

  /** Applies a SubmitContainerStateChange; returns whether anything changed. */
  boolean apply(String containerName, ContainerState.Report report) {
    return apply(new Report(null, null, Map.of(containerName, report), null, null, null), null);
  }

  /**
   * The task reached STOPPED. If nobody asked for it (no StopTask), it either failed to start or
   * an essential container exited: ECS tells the two apart in {@code stopCode}.
   */
  private void stopped(String reason, Instant now) {
    desiredStatus = LifecycleStatus.STOPPED;
    stoppingAt = firstSet(stoppingAt, now);
    stoppedAt = now;
    executionStoppedAt = firstSet(executionStoppedAt, now);
    if (stopCode == null) {
      Optional<String> startFailure = containers.stream().map(ContainerState::reason)
          .filter(r -> r != null && START_FAILURES.stream().anyMatch(r::startsWith)).findFirst();
      boolean neverStarted = startedAt == null && containers.stream().allMatch(c -> c.exitCode() == null);
      if (startFailure.isPresent() || neverStarted) {
        stopCode = "TaskFailedToStart";
        stoppedReason = nonBlank(reason).or(() -> startFailure).orElse("Task failed to start");
      } else {
        stopCode = "EssentialContainerExited";
        stoppedReason = nonBlank(reason).orElse("Essential container in task exited");
      }
    }
    containers.forEach(ContainerState::stopped);
  }

  public String arn() {
    return placed.arn();
  }

  public String clusterArn() {
    return placed.clusterArn();
  }

  public String containerInstanceArn() {
    return placed.containerInstanceArn();
  }

  public TaskDefinition definition() {
    return placed.definition();
  }

  public TaskOverride overrides() {
    return placed.overrides();
  }

  public String group() {
    return placed.group();
  }

  public String startedBy() {
    return placed.startedBy();
  }

  /** Null until the task has stopped or been asked to stop. */
  public String stopCode() {
    return stopCode;
  }

  /** Whether the task ever reached RUNNING. */
  public boolean hasStarted() {
    return startedAt != null;
  }

  public Instant createdAt() {
    return placed.createdAt();
  }

  public boolean isStopped() {
    return lastStatus == LifecycleStatus.STOPPED;
  }

  Demand demand() {
    return placed.demand();
  }

  public Optional<ContainerState> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public LifecycleStatus lastStatus() {
    return lastStatus;
  }

  public LifecycleStatus desiredStatus() {
    return desiredStatus;
  }

  public Task describe() {
    return describe(null);
  }

  public Task describe(List<Tag> tags) {
    TaskDefinition definition = placed.definition();
    String cpu = placed.overrides().cpu() != null ? placed.overrides().cpu() : definition.cpu();
    String memory = placed.overrides().memory() != null ? placed.overrides().memory() : definition.memory();
    return new Task(placed.attributes(), placed.availabilityZone(), placed.clusterArn(), "CONNECTED",
        placed.createdAt(), placed.containerInstanceArn(),
        containers.stream().map(c -> c.describe(placed.arn())).toList(),
        cpu != null ? cpu : String.valueOf(placed.demand().cpu()), placed.createdAt(), desiredStatus.name(), false,
        executionStoppedAt, placed.group(), "UNKNOWN", lastStatus.name(), "EC2",
        memory != null ? memory : String.valueOf(placed.demand().memory()), placed.overrides(), pullStartedAt,
        pullStoppedAt, startedAt, placed.startedBy(), stopCode, stoppedAt, stoppedReason, stoppingAt, tags,
        placed.arn(), definition.taskDefinitionArn(), version);
  }

  private static Instant firstSet(Instant current, Instant reported) {
    return current != null ? current : reported;
  }

  private static Optional<String> nonBlank(String text) {
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
  }
}
