package org.ecsagent.agent.engine;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.ecsagent.agent.docker.ContainerEvent;
import org.ecsagent.agent.docker.ContainerSpec;
import org.ecsagent.agent.docker.ContainerState;
import org.ecsagent.agent.docker.DockerGateway;
import org.ecsagent.agent.docker.DockerOperationException;
import org.ecsagent.agent.state.PendingChange;
import org.ecsagent.agent.state.StateChange;
import org.ecsagent.agent.state.StateChange.ContainerChange;
import org.ecsagent.agent.state.StateChange.TaskChange;
import org.ecsagent.agent.state.StateStore;
import org.ecsagent.agent.state.TaskRecord;
import org.ecsagent.agent.taskcredentials.TaskCredentialsStore;
import org.ecsagent.protocol.acs.AcsMessages.Container;
import org.ecsagent.protocol.acs.AcsMessages.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives every task toward its desired status on Docker: pull → create → start, and stop.
 *
 * <p>The engine is the only writer of task state. All state lives on one thread, the engine
 * loop; Docker calls run on worker threads (virtual threads in production) and post their results
 * back to the loop, so independent tasks progress concurrently and a slow pull or stop never
 * blocks another task. Readers get immutable {@link TaskSnapshot}s. Every change the control
 * plane must hear about goes to the {@link StateChangeListener}, in order, from the loop.
 */
public final class TaskEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaskEngine.class);
  static final String ESSENTIAL_EXITED = "Essential container in task exited";

  private final EngineSettings settings;
  private final DockerGateway docker;
  private final StateChangeListener listener;
  private final ExecutorService loop;
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final RandomGenerator random;
  private final ContainerSpecFactory specs;
  private final ImagePuller images;
  private final StateStore store;
  private final CrashPoints crashPoints;
  private final TaskAdmission admission;
  private final TaskCredentialsStore credentials;

  // Engine-loop state: touched only from `loop`.
  private final Map<String, ManagedTask> tasks = new HashMap<>();
  private final Map<String, ManagedTask> taskByDockerId = new HashMap<>();
  private AutoCloseable eventSubscription;
  private java.util.concurrent.ScheduledFuture<?> reconcileTimer;
  private Duration eventRetryDelay = Duration.ofSeconds(1);
  private boolean closed;

  // Published for readers on any thread: immutable values, written only by the loop.
  private final ConcurrentMap<String, TaskSnapshot> snapshots = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> taskArnByEndpointId = new ConcurrentHashMap<>();

  private final Counter tasksAccepted;
  private final Counter containersStarted;
  private final Counter containerFailures;

  public TaskEngine(EngineSettings settings, DockerGateway docker, StateStore store, StateChangeListener listener,
      TaskCredentialsStore credentials, ExecutorService loop, ExecutorService workers,
      ScheduledExecutorService scheduler, Clock clock, RandomGenerator random, CrashPoints crashPoints,
      MetricRegistry metrics) {
    this.settings = settings;
    this.credentials = credentials;
    this.store = store;
    this.crashPoints = crashPoints;
    this.admission = new TaskAdmission(
        new TaskAdmission.Capacity(settings.cpuUnits(), settings.memoryMiB(), settings.reservedPorts()),
        settings.disablePrivileged(), settings.availableLoggingDrivers());
    this.docker = docker;
    this.listener = listener;
    this.loop = loop;
    this.workers = workers;
    this.scheduler = scheduler;
    this.clock = clock;
    this.random = random;
    this.specs = new ContainerSpecFactory(settings.cluster());
    this.images = new ImagePuller(docker, settings.imagePullBehavior(), settings.imagePullInactivityTimeout(),
        settings.imagePullTimeout(), settings.engineAuth());
    this.tasksAccepted = metrics.counter("engine.tasks.accepted");
    this.containersStarted = metrics.counter("engine.containers.started");
    this.containerFailures = metrics.counter("engine.containers.failed");
    metrics.gauge("engine.tasks.managed", () -> snapshots::size);
  }

  /**
   * Resumes the tasks the store remembers, matching each container against Docker (adopting
   * ones that still run, noting ones that died while the agent was down, finding by name ones
   * created but not yet recorded), then follows Docker's event stream. Returns once restored.
   */
  public void start() {
    CompletableFuture.runAsync(() -> {
      for (TaskRecord record : store.loadTasks()) {
        restore(record);
      }
      subscribeToDockerEvents();
    }, loop).join();
    long every = settings.reconcileInterval().toMillis();
    reconcileTimer = scheduler.scheduleWithFixedDelay(this::reconcileWithDocker, every, every, TimeUnit.MILLISECONDS);
  }

  private void restore(TaskRecord record) {
    ManagedTask task = ManagedTask.fromRecord(record, specs::labels);
    tasks.put(task.arn(), task);
    for (ManagedContainer c : task.containers()) {
      taskArnByEndpointId.put(c.metadataEndpointId, task.arn());
      if (c.knownStatus != ContainerStatus.STOPPED) {
        matchWithDocker(task, c);
      }
      if (c.dockerId != null) {
        taskByDockerId.put(c.dockerId, task);
      }
    }
    log.info("task {}: restored ({} desired, {} known)", task.arn(), task.desiredStatus, task.deriveKnownStatus());
    reconcile(task);
  }

  /** After a restart: what did this container do while the agent was away? */
  private void matchWithDocker(ManagedTask task, ManagedContainer c) {
    // A container created just before a crash is known only by the name chosen before creation.
    String ref = c.dockerId != null ? c.dockerId : c.dockerName;
    Optional<ContainerState> state;
    try {
      state = docker.inspect(ref);
    } catch (DockerOperationException e) {
      log.warn("task {}: cannot inspect container {} on restore ({}); will retry via reconcile", task.arn(), c.name(),
          e.getMessage());
      return;
    }
    if (state.isEmpty()) {
      if (c.knownStatus.isAtLeast(ContainerStatus.CREATED)) {
        stopForGood(task, c, "DockerContainerMissing: container was removed while the agent was not running");
      }
      return;
    }
    ContainerState s = state.get();
    if (c.dockerId == null) {
      log.info("task {}: adopting container {} created before the agent restarted", task.arn(), c.dockerName);
      c.dockerId = s.id();
      c.createdAt = s.createdAt();
    }
    c.advanceTo(ContainerStatus.CREATED);
    if (s.running()) {
      c.networkBindings = s.networkBindings();
      c.startedAt = s.startedAt();
      c.advanceTo(ContainerStatus.RUNNING);
    } else if (s.startedAt() != null) {
      c.startedAt = s.startedAt();
      containerExited(task, c, s.exitCode(), s.finishedAt());
    }
  }

  /**
   * Takes tasks from the control plane (new tasks, or new desired statuses of known ones).
   * Completes once the engine has recorded them, which is when the payload may be acknowledged.
   */
  public CompletableFuture<Void> accept(List<Task> incoming) {
    return CompletableFuture.runAsync(() -> incoming.forEach(this::acceptOne), loop);
  }

  /** Stops tasks this agent runs (unknown ARNs are ignored); used after the control plane verified them. */
  public CompletableFuture<Void> stopTasks(List<String> arns) {
    return CompletableFuture.runAsync(() -> {
      for (String arn : arns) {
        ManagedTask task = tasks.get(arn);
        if (task != null && task.desiredStatus != TaskStatus.STOPPED) {
          log.info("task {}: stopping, the control plane no longer runs it here", arn);
          task.stop("TaskStoppedByControlPlane: the task is no longer in the instance's manifest");
          reconcile(task);
        }
      }
    }, loop);
  }

  public Collection<TaskSnapshot> tasks() {
    return List.copyOf(snapshots.values());
  }

  public Optional<TaskSnapshot> task(String arn) {
    return Optional.ofNullable(snapshots.get(arn));
  }

  /** The task whose container was given this metadata endpoint id (the id in ECS_CONTAINER_METADATA_URI_V4). */
  public Optional<TaskSnapshot> taskByMetadataEndpointId(String endpointId) {
    String arn = taskArnByEndpointId.get(endpointId);
    return arn == null ? Optional.empty() : task(arn);
  }

  // ---- engine loop ----

  private void acceptOne(Task definition) {
    ManagedTask existing = tasks.get(definition.arn());
    if (existing != null) {
      updateCredentials(existing, definition.roleCredentials());
      if (TaskStatus.fromDesired(definition.desiredStatus()) == TaskStatus.STOPPED
          && existing.desiredStatus != TaskStatus.STOPPED) {
        log.info("task {}: stop requested by the control plane", definition.arn());
        existing.stop(null);
        reconcile(existing);
      }
      return; // a replayed RUNNING payload must not start anything twice
    }
    if (TaskStatus.fromDesired(definition.desiredStatus()) == TaskStatus.STOPPED) {
      log.info("task {}: stop requested for a task this agent does not run; nothing to do", definition.arn());
      return;
    }
    if (store.wasRemoved(definition.arn())) {
      log.info("task {}: already ran and was cleaned up; ignoring the replayed payload", definition.arn());
      return;
    }
    Optional<String> refusal = admission.refusal(definition, tasks.values());
    ManagedTask task = new ManagedTask(definition);
    if (definition.roleCredentials() != null) {
      // In place before any container starts, so an SDK never meets "credentials not found".
      task.credentialsEndpointId = credentials.newEndpointId();
      updateCredentials(task, definition.roleCredentials());
    }
    List<Container> containerDefs = definition.containers() == null ? List.of() : definition.containers();
    for (Container c : containerDefs) {
      String endpointId = UUID.randomUUID().toString();
      ManagedContainer managed = new ManagedContainer(c,
          ContainerNames.dockerName(definition.family(), definition.version(), c.name(), random), endpointId,
          specs.labels(definition, c));
      task.containers.put(c.name(), managed);
      taskArnByEndpointId.put(endpointId, definition.arn());
    }
    tasks.put(task.arn(), task);
    tasksAccepted.inc();
    log.info("task {} ({}:{}): accepted with {} container(s)", task.arn(), definition.family(), definition.version(),
        containerDefs.size());
    if (refusal.isPresent()) {
      failTask(task, refusal.get());
    }
    reconcile(task);
  }

  /**
   * New or refreshed task role credentials (from a payload or an IAMRoleCredentialsMessage).
   * Returns false when the task is unknown here or has no credentials endpoint.
   */
  public CompletableFuture<Boolean> refreshCredentials(String taskArn,
      org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentials roleCredentials) {
    return CompletableFuture.supplyAsync(() -> {
      ManagedTask task = tasks.get(taskArn);
      if (task == null || task.knownStatus == TaskStatus.STOPPED) {
        return false;
      }
      if (task.credentialsEndpointId == null) {
        return false; // started without a role: its containers have no credentials URI to serve
      }
      updateCredentials(task, roleCredentials);
      return true;
    }, loop);
  }

  private void updateCredentials(ManagedTask task,
      org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentials roleCredentials) {
    if (roleCredentials != null && task.credentialsEndpointId != null && roleCredentials.accessKeyId() != null
        && roleCredentials.secretAccessKey() != null) {
      credentials.put(task.credentialsEndpointId, task.arn(), roleCredentials);
    }
  }

  private void failTask(ManagedTask task, String reason) {
    for (ManagedContainer c : task.containers()) {
      c.reason = reason;
      c.knownStatus = ContainerStatus.STOPPED;
    }
    task.stop(reason);
  }

  /**
   * Moves each container one step toward its desired status. The task's new state is saved (and
   * its state changes queued) before any Docker call it leads to is made.
   */
  private void reconcile(ManagedTask task) {
    for (ManagedContainer c : task.containers()) {
      boolean neverStarted = !c.knownStatus.isAtLeast(ContainerStatus.RUNNING);
      if (!c.busy && c.desiredStatus == ContainerStatus.STOPPED && neverStarted) {
        // Nothing to stop on Docker (a created container is removed at cleanup).
        c.knownStatus = ContainerStatus.STOPPED;
        c.finishedAt = clock.instant();
      }
    }
    publish(task);
    boolean failedDependency = false;
    for (ManagedContainer c : task.containers()) {
      if (c.busy || c.knownStatus == ContainerStatus.STOPPED) {
        continue;
      }
      if (c.desiredStatus == ContainerStatus.STOPPED) {
        if (DependencyCheck.dependentsStopped(c, task.containers)) {
          stopContainer(task, c);
        }
      } else if (c.knownStatus == ContainerStatus.CREATED) {
        failedDependency |= startWhenDependenciesAllow(task, c);
      } else {
        stepTowardRunning(task, c);
      }
    }
    if (failedDependency) {
      reconcile(task); // a dependent failed: save that and let the stop run
    }
  }

  /** Docker needs a volumesFrom source to exist when the container is created. */
  private static boolean volumesFromSourcesCreated(ManagedTask task, ManagedContainer c) {
    if (c.definition.volumesFrom() == null) {
      return true;
    }
    return c.definition.volumesFrom().stream()
        .map(v -> task.containers.get(v.sourceContainer()))
        .allMatch(source -> source == null || source.dockerId != null);
  }

  /** Starts a created container once its dependsOn conditions hold; returns true if they never can. */
  private boolean startWhenDependenciesAllow(ManagedTask task, ManagedContainer c) {
    if (c.waitingForDependenciesSince == null) {
      c.waitingForDependenciesSince = clock.instant();
    }
    var result = DependencyCheck.canStart(c, task.containers, clock.instant(), c.waitingForDependenciesSince,
        settings.containerStartTimeout());
    switch (result.verdict()) {
      case SATISFIED -> startContainer(task, c);
      case WAIT -> {
        if (!result.recheckAt().equals(c.dependencyRecheckAt)) {
          c.dependencyRecheckAt = result.recheckAt();
          long delay = Math.max(0, result.recheckAt().toEpochMilli() - clock.millis()) + 1;
          scheduler.schedule(() -> loop.execute(() -> reconcile(task)), delay, TimeUnit.MILLISECONDS);
        }
      }
      case IMPOSSIBLE -> {
        stopForGood(task, c, "DependencyConditionNotMet: " + result.reason());
        log.warn("task {}: container {} cannot start: {}", task.arn(), c.name(), c.reason);
        return true;
      }
    }
    return false;
  }

  private void stepTowardRunning(ManagedTask task, ManagedContainer c) {
    switch (c.knownStatus) {
      case NONE, MANIFEST_PULLED -> pull(task, c);
      case PULLED -> create(task, c);
      default -> { }
    }
  }

  private void pull(ManagedTask task, ManagedContainer c) {
    if (task.pullStartedAt == null) {
      task.pullStartedAt = clock.instant();
    }
    String image = c.definition.image();
    runOffLoop(task, c, () -> images.ensure(image), (imageId, error) -> {
      crashPoints.reach("pulled");
      task.pullStoppedAt = clock.instant();
      if (error != null) {
        failContainer(task, c, "CannotPullContainerError", error);
      } else {
        c.imageId = imageId;
        c.advanceTo(ContainerStatus.PULLED);
      }
    });
  }

  private void create(ManagedTask task, ManagedContainer c) {
    if (!volumesFromSourcesCreated(task, c)) {
      return; // reconcile runs again when a source container changes
    }
    ContainerSpec spec;
    try {
      spec = specs.spec(task, c);
    } catch (IllegalArgumentException e) {
      failContainer(task, c, "CannotCreateContainerError", e);
      reconcile(task);
      return;
    }
    var volumes = task.volumes.volumesFor(c.definition);
    runOffLoop(task, c, () -> {
      for (var v : volumes) {
        docker.createVolume(v.name(), v.driver(), v.driverOptions(), v.labels());
      }
      return docker.create(spec);
    }, (id, error) -> {
      crashPoints.reach("created");
      if (error != null) {
        failContainer(task, c, "CannotCreateContainerError", error);
        return;
      }
      c.dockerId = id;
      c.createdAt = clock.instant();
      taskByDockerId.put(id, task);
      c.advanceTo(ContainerStatus.CREATED);
      log.info("task {}: container {} created as {} ({})", task.arn(), c.name(), c.dockerName, shortId(id));
    });
  }

  private void startContainer(ManagedTask task, ManagedContainer c) {
    String id = c.dockerId;
    runOffLoop(task, c, () -> {
      docker.start(id);
      return docker.inspect(id);
    }, (state, error) -> {
      crashPoints.reach("started");
      if (error != null) {
        failContainer(task, c, "CannotStartContainerError", error);
        return;
      }
      containersStarted.inc();
      state.ifPresent(s -> {
        c.networkBindings = s.networkBindings();
        c.startedAt = s.startedAt();
      });
      if (state.isPresent() && !state.get().running()) {
        containerExited(task, c, state.get().exitCode(), state.get().finishedAt());
      } else {
        c.advanceTo(ContainerStatus.RUNNING);
        log.info("task {}: container {} running", task.arn(), c.name());
      }
    });
  }

  private void stopContainer(ManagedTask task, ManagedContainer c) {
    String id = c.dockerId;
    Duration timeout = c.definition.stopTimeout() != null && c.definition.stopTimeout() > 0
        ? Duration.ofSeconds(c.definition.stopTimeout()) : settings.containerStopTimeout();
    log.info("task {}: stopping container {} (timeout {}s)", task.arn(), c.name(), timeout.toSeconds());
    runOffLoop(task, c, () -> {
      crashPoints.reach("stopping");
      docker.stop(id, timeout);
      return docker.inspect(id);
    }, (state, error) -> {
      crashPoints.reach("stopped");
      if (error != null) {
        // Leave it RUNNING: the next reconcile retries the stop; the event stream may also report the exit.
        log.warn("task {}: stopping container {} failed: {}", task.arn(), c.name(), error.getMessage());
        scheduler.schedule(() -> loop.execute(() -> reconcile(task)), 1, TimeUnit.SECONDS);
        return;
      }
      if (state.isEmpty()) {
        containerExited(task, c, null, clock.instant());
        c.reason = "container was removed outside the agent";
      } else if (!state.get().running()) {
        containerExited(task, c, state.get().exitCode(), state.get().finishedAt());
      }
    });
  }

  private void failContainer(ManagedTask task, ManagedContainer c, String errorName, Throwable error) {
    String detail = error instanceof DockerOperationException d ? d.detail() : String.valueOf(error.getMessage());
    stopForGood(task, c, errorName + ": " + detail);
    containerFailures.inc();
    log.warn("task {}: container {} failed: {}", task.arn(), c.name(), c.reason);
  }

  /** The container will not run (again): record why, and stop the task if it was essential. */
  private void stopForGood(ManagedTask task, ManagedContainer c, String reason) {
    c.reason = reason;
    c.knownStatus = ContainerStatus.STOPPED;
    c.finishedAt = clock.instant();
    if (c.essential) {
      task.stop(reason);
    }
  }

  private void containerExited(ManagedTask task, ManagedContainer c, Integer exitCode, java.time.Instant finishedAt) {
    if (c.knownStatus == ContainerStatus.STOPPED) {
      return;
    }
    c.knownStatus = ContainerStatus.STOPPED;
    c.exitCode = exitCode;
    c.finishedAt = finishedAt != null ? finishedAt : clock.instant();
    if (c.oomKilled && c.reason == null) {
      c.reason = "OutOfMemoryError: Container killed due to memory usage";
    }
    log.info("task {}: container {} exited with code {}", task.arn(), c.name(), exitCode);
    if (c.essential) {
      task.stop(ESSENTIAL_EXITED);
    }
  }

  /**
   * Saves the task and queues what the control plane must hear (a task change carrying its
   * container changes, or container changes alone) in one transaction, then hands the queued
   * changes to the listener. Nothing is written when nothing changed.
   */
  private void publish(ManagedTask task) {
    task.knownStatus = task.deriveKnownStatus();
    if (task.knownStatus == TaskStatus.STOPPED && task.executionStoppedAt == null) {
      task.executionStoppedAt = clock.instant();
    }
    List<ContainerChange> changed = new ArrayList<>();
    for (ManagedContainer c : task.containers()) {
      if (c.shouldReport()) {
        c.sentStatus = c.knownStatus.backendStatus();
        changed.add(new ContainerChange(task.arn(), c.name(), c.dockerId, c.sentStatus, c.exitCode, c.reason,
            c.networkBindings));
      }
    }
    String backend = task.knownStatus.backendStatus();
    List<StateChange> toSubmit = new ArrayList<>();
    if (!"PENDING".equals(backend) && !backend.equals(task.sentStatus)) {
      task.sentStatus = backend;
      String reason = task.knownStatus == TaskStatus.STOPPED ? task.stopReason : null;
      toSubmit.add(new TaskChange(task.arn(), backend, reason, changed, task.pullStartedAt, task.pullStoppedAt,
          task.executionStoppedAt));
      log.info("task {}: {}", task.arn(), backend);
    } else {
      toSubmit.addAll(changed);
    }
    TaskRecord record = task.toRecord();
    if (!record.equals(task.saved) || !toSubmit.isEmpty()) {
      List<PendingChange> queued = store.saveTask(record, toSubmit);
      task.saved = record;
      if (task.knownStatus == TaskStatus.RUNNING && !toSubmit.isEmpty()) {
        crashPoints.reach("running-recorded");
      } else if (task.knownStatus == TaskStatus.STOPPED && !toSubmit.isEmpty()) {
        crashPoints.reach("stopped-recorded");
      }
      queued.forEach(listener::onStateChange);
    }
    snapshots.put(task.arn(), task.snapshot());
    if (task.knownStatus == TaskStatus.STOPPED && task.credentialsEndpointId != null) {
      credentials.remove(task.credentialsEndpointId); // a stopped task's id stops working
    }
    if (task.knownStatus == TaskStatus.STOPPED && !task.cleanupScheduled) {
      task.cleanupScheduled = true;
      scheduler.schedule(() -> loop.execute(() -> cleanup(task)), settings.taskCleanupWait().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** After ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION: remove the task's containers and forget it. */
  private void cleanup(ManagedTask task) {
    List<String> ids = new ArrayList<>();
    for (ManagedContainer c : task.containers()) {
      if (c.dockerId != null) {
        ids.add(c.dockerId);
        taskByDockerId.remove(c.dockerId);
      }
      taskArnByEndpointId.remove(c.metadataEndpointId);
    }
    tasks.remove(task.arn());
    snapshots.remove(task.arn());
    store.removeTask(task.arn());
    List<String> volumes = task.volumes.taskScopedNames();
    log.info("task {}: cleaned up ({} container(s), {} task volume(s) removed)", task.arn(), ids.size(), volumes.size());
    workers.execute(() -> {
      ids.forEach(id -> {
        try {
          docker.remove(id);
        } catch (DockerOperationException e) {
          log.warn("removing container {} failed: {}", shortId(id), e.getMessage());
        }
      });
      volumes.forEach(name -> {
        try {
          docker.removeVolume(name);
        } catch (DockerOperationException e) {
          log.warn("removing volume {} failed: {}", name, e.getMessage());
        }
      });
    });
  }

  /**
   * Runs a blocking Docker call on a worker and hands its result back to the loop. The
   * container is busy meanwhile, so the engine never issues two operations for it at once.
   */
  private <T> void runOffLoop(ManagedTask task, ManagedContainer c, Supplier<T> call, BiConsumer<T, Throwable> onResult) {
    c.busy = true;
    workers.execute(() -> {
      T result = null;
      Throwable error = null;
      try {
        result = call.get();
      } catch (RuntimeException e) {
        error = e;
      }
      T r = result;
      Throwable err = error;
      loop.execute(() -> {
        c.busy = false;
        onResult.accept(r, err);
        reconcile(task);
      });
    });
  }

  // ---- Docker events ----

  private void subscribeToDockerEvents() {
    if (closed) {
      return;
    }
    try {
      eventSubscription = docker.subscribe(
          event -> loop.execute(() -> onDockerEvent(event)),
          error -> loop.execute(() -> onEventStreamBroken(error)));
      eventRetryDelay = Duration.ofSeconds(1);
      resyncRunningContainers();
    } catch (RuntimeException e) {
      onEventStreamBroken(e);
    }
  }

  private void onEventStreamBroken(Throwable error) {
    if (closed) {
      return;
    }
    log.warn("Docker event stream broken ({}); resubscribing in {}s", error.getMessage(), eventRetryDelay.toSeconds());
    scheduler.schedule(() -> loop.execute(this::subscribeToDockerEvents), eventRetryDelay.toMillis(),
        TimeUnit.MILLISECONDS);
    eventRetryDelay = eventRetryDelay.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
        ? Duration.ofSeconds(30) : eventRetryDelay.multipliedBy(2);
  }

  private void onDockerEvent(ContainerEvent event) {
    ManagedTask task = taskByDockerId.get(event.containerId());
    if (task == null) {
      return; // not ours
    }
    for (ManagedContainer c : task.containers()) {
      if (!event.containerId().equals(c.dockerId)) {
        continue;
      }
      if (event.isOom()) {
        c.oomKilled = true;
      } else if (event.health().isPresent()) {
        c.health = event.health().get();
        log.info("task {}: container {} is {}", task.arn(), c.name(), c.health);
        reconcile(task);
      } else if (event.isDeath() && c.knownStatus == ContainerStatus.RUNNING) {
        containerExited(task, c, event.exitCode(), clock.instant());
        reconcile(task);
      }
    }
  }

  /**
   * The safety net under the event stream: one Docker call lists what runs; any container the
   * engine believes RUNNING that is not in the list is inspected and its exit recorded.
   */
  private void reconcileWithDocker() {
    Set<String> running;
    try {
      running = docker.runningContainerIds(Map.of("com.amazonaws.ecs.cluster", settings.cluster()));
    } catch (DockerOperationException e) {
      log.warn("periodic reconcile: cannot list containers: {}", e.getMessage());
      return;
    }
    loop.execute(() -> resyncRunningContainers(id -> !running.contains(id)));
  }

  /** Events may have been missed while the stream was down: ask Docker about running containers. */
  private void resyncRunningContainers() {
    resyncRunningContainers(id -> true);
  }

  private void resyncRunningContainers(java.util.function.Predicate<String> suspicious) {
    for (ManagedTask task : tasks.values()) {
      for (ManagedContainer c : task.containers()) {
        if (c.knownStatus != ContainerStatus.RUNNING || c.busy || !suspicious.test(c.dockerId)) {
          continue;
        }
        String id = c.dockerId;
        runOffLoop(task, c, () -> docker.inspect(id), (state, error) -> {
          if (error == null && (state.isEmpty() || !state.get().running())) {
            containerExited(task, c, state.flatMap(s -> Optional.ofNullable(s.exitCode())).orElse(null),
                state.map(ContainerState::finishedAt).orElse(null));
          }
        });
      }
    }
  }

  private static String shortId(String id) {
    return id == null ? null : id.substring(0, Math.min(12, id.length()));
  }

  @Override
  public void close() {
    if (reconcileTimer != null) {
      reconcileTimer.cancel(false);
    }
    CompletableFuture.runAsync(() -> {
      closed = true;
      if (eventSubscription != null) {
        try {
          eventSubscription.close();
        } catch (Exception e) {
          log.debug("closing the Docker event stream: {}", e.getMessage());
        }
      }
    }, loop).orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
  }
}
