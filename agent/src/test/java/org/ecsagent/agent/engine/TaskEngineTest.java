package org.ecsagent.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.ecsagent.agent.config.ImagePullBehavior;
import org.ecsagent.agent.state.InMemoryStateStore;
import org.ecsagent.agent.state.StateChange;
import org.ecsagent.agent.state.TaskRecord;
import org.ecsagent.agent.taskcredentials.TaskCredentialsStore;
import org.ecsagent.agent.state.StateChange.ContainerChange;
import org.ecsagent.agent.state.StateChange.TaskChange;
import org.ecsagent.protocol.acs.AcsMessages.Container;
import org.ecsagent.protocol.acs.AcsMessages.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskEngineTest {
  private final FakeDocker docker = new FakeDocker();
  private final List<StateChange> changes = new CopyOnWriteArrayList<>();
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final org.ecsagent.agent.config.EngineAuth engineAuth = new org.ecsagent.agent.config.EngineAuth("docker",
      Map.of("registry.example.com:5000", new org.ecsagent.agent.config.EngineAuth.RegistryCredentials("u", "p")));
  private final TaskCredentialsStore credentials = new TaskCredentialsStore(new java.security.SecureRandom());
  private ExecutorService loop;
  private ExecutorService workers;
  private ScheduledExecutorService scheduler;
  private TaskEngine engine;

  @BeforeEach
  void setUp() {
    loop = Executors.newSingleThreadExecutor();
    workers = Executors.newVirtualThreadPerTaskExecutor();
    scheduler = Executors.newSingleThreadScheduledExecutor();
    engine = newEngine();
    engine.start();
  }

  private TaskEngine newEngine() {
    return new TaskEngine(
        new EngineSettings("test", Duration.ofSeconds(2), Duration.ofHours(1), ImagePullBehavior.DEFAULT,
            Duration.ofMinutes(1), Duration.ofHours(2), true, Duration.ofMillis(200), Duration.ofSeconds(45),
            List.of("json-file", "none"), 2048, 256, List.of(22, 51678), engineAuth),
        docker, store, p -> changes.add(p.change()), credentials, loop, workers, scheduler, Clock.systemUTC(),
        new Random(1),
        CrashPoints.none(), new MetricRegistry());
  }

  /** Simulates a crash and restart: a new engine over the same store and the same Docker. */
  private void restartEngine() {
    engine.close();
    engine = newEngine();
    engine.start();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    loop.shutdownNow();
    workers.shutdownNow();
    scheduler.shutdownNow();
  }

  private static Container container(String name, String image, boolean essential) {
    return new Container(name, image, List.of("sleep", "100"), null, 10, 64, Map.of("A", "1"), null, essential, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static Task task(String arn, String desired, Container... containers) {
    return new Task(arn, "cluster", List.of(containers), desired, "fam", "3", null, null, null, null, null, null, null,
        "EC2", "bridge", null, null);
  }

  private TaskSnapshot awaitKnown(String arn, TaskStatus status) {
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.task(arn).map(TaskSnapshot::knownStatus).orElse(null),
        s -> s == status);
    return engine.task(arn).orElseThrow();
  }

  @Test
  void pullsCreatesAndStartsThenReportsRunning() {
    engine.accept(List.of(task("t1", "RUNNING", container("app", "img:1", true)))).join();

    TaskSnapshot snapshot = awaitKnown("t1", TaskStatus.RUNNING);
    assertThat(docker.calls).containsSubsequence("pull img:1", "create " + snapshot.containers().get(0).dockerName(),
        "start c1");
    await().until(() -> !changes.isEmpty());
    TaskChange running = (TaskChange) changes.get(0);
    assertThat(running.status()).isEqualTo("RUNNING");
    assertThat(running.containers()).extracting(ContainerChange::status).containsExactly("RUNNING");
    assertThat(running.pullStartedAt()).isNotNull();
    var spec = docker.created.get("c1");
    assertThat(spec.environment()).contains("A=1", "AWS_EXECUTION_ENV=AWS_ECS_EC2");
    assertThat(spec.labels()).containsEntry("com.amazonaws.ecs.task-arn", "t1")
        .containsEntry("com.amazonaws.ecs.task-definition-version", "3");
    assertThat(spec.memoryMiB()).isEqualTo(64);
  }

  @Test
  void replayedPayloadDoesNotStartAnythingTwice() {
    Task t = task("t1", "RUNNING", container("app", "img:1", true));
    engine.accept(List.of(t)).join();
    awaitKnown("t1", TaskStatus.RUNNING);
    engine.accept(List.of(t)).join();
    engine.accept(List.of(t)).join();

    assertThat(docker.count("create")).isEqualTo(1);
    assertThat(docker.count("start")).isEqualTo(1);
  }

  @Test
  void stopRequestStopsContainersAndReportsExitCodes() {
    engine.accept(List.of(task("t1", "RUNNING", container("app", "img:1", true)))).join();
    awaitKnown("t1", TaskStatus.RUNNING);

    engine.accept(List.of(task("t1", "STOPPED", container("app", "img:1", true)))).join();
    awaitKnown("t1", TaskStatus.STOPPED);

    await().until(() -> changes.size() == 2);
    TaskChange stopped = (TaskChange) changes.get(1);
    assertThat(stopped.status()).isEqualTo("STOPPED");
    assertThat(stopped.containers()).singleElement().satisfies(c -> {
      assertThat(c.exitCode()).isEqualTo(143);
      assertThat(c.status()).isEqualTo("STOPPED");
    });
    assertThat(stopped.executionStoppedAt()).isNotNull();
  }

  @Test
  void essentialContainerExitStopsTheWholeTask() {
    engine.accept(List.of(task("t1", "RUNNING", container("main", "img:1", true), container("side", "img:1", false))))
        .join();
    TaskSnapshot running = awaitKnown("t1", TaskStatus.RUNNING);
    String mainId = running.containers().get(0).dockerId();

    docker.exit(mainId, 7);

    TaskSnapshot stopped = awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(stopped.containers()).extracting(TaskSnapshot.ContainerSnapshot::exitCode).containsExactly(7, 143);
    await().until(() -> changes.stream().anyMatch(c -> c instanceof TaskChange t && t.status().equals("STOPPED")));
    TaskChange last = (TaskChange) changes.get(changes.size() - 1);
    assertThat(last.reason()).isEqualTo("Essential container in task exited");
  }

  @Test
  void nonEssentialContainerExitIsReportedAloneAndTaskKeepsRunning() {
    engine.accept(List.of(task("t1", "RUNNING", container("main", "img:1", true), container("side", "img:1", false))))
        .join();
    TaskSnapshot running = awaitKnown("t1", TaskStatus.RUNNING);

    docker.exit(running.containers().get(1).dockerId(), 0);

    await().until(() -> changes.stream().anyMatch(c -> c instanceof ContainerChange cc && cc.status().equals("STOPPED")));
    ContainerChange side = (ContainerChange) changes.get(changes.size() - 1);
    assertThat(side.containerName()).isEqualTo("side");
    assertThat(side.exitCode()).isZero();
    assertThat(engine.task("t1").orElseThrow().knownStatus()).isEqualTo(TaskStatus.RUNNING);
  }

  @Test
  void unpullableImageStopsTaskWithCannotPullReason() {
    docker.unpullable.add("nope:1");
    engine.accept(List.of(task("t1", "RUNNING", container("app", "nope:1", true)))).join();

    TaskSnapshot stopped = awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(stopped.containers().get(0).reason()).startsWith("CannotPullContainerError: manifest for nope:1");
    assertThat(docker.count("create")).isZero();
    await().until(() -> !changes.isEmpty());
    assertThat(((TaskChange) changes.get(0)).status()).isEqualTo("STOPPED");
  }

  @Test
  void defaultPullBehaviorFallsBackToCachedImage() {
    docker.images.add("cached:1");
    docker.unpullable.add("cached:1");
    engine.accept(List.of(task("t1", "RUNNING", container("app", "cached:1", true)))).join();

    awaitKnown("t1", TaskStatus.RUNNING);
  }

  @Test
  void awsvpcTasksAreRefusedWithAClearReason() {
    Task awsvpc = new Task("t1", "cluster", List.of(container("app", "img:1", true)), "RUNNING", "fam", "1", null,
        null, null, null, null, null, null, "EC2", "awsvpc", null, null);
    engine.accept(List.of(awsvpc)).join();

    TaskSnapshot stopped = awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(stopped.containers().get(0).reason()).contains("awsvpc");
    assertThat(docker.calls).isEmpty();
  }

  @Test
  void privilegedContainersAreRefusedWhenDisabled() {
    Container privileged = new Container("app", "img:1", null, null, null, null, null, null, true, null, null, null,
        null, null, null, null, null, null, null, null, true, null, null);
    engine.accept(List.of(task("t1", "RUNNING", privileged))).join();

    TaskSnapshot stopped = awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(stopped.containers().get(0).reason()).contains("ECS_DISABLE_PRIVILEGED");
    assertThat(docker.calls).isEmpty();
  }

  @Test
  void metadataEndpointIdFindsItsTask() {
    engine.accept(List.of(task("t1", "RUNNING", container("app", "img:1", true)))).join();
    TaskSnapshot snapshot = awaitKnown("t1", TaskStatus.RUNNING);
    String endpointId = snapshot.containers().get(0).metadataEndpointId();

    assertThat(engine.taskByMetadataEndpointId(endpointId)).map(TaskSnapshot::arn).contains("t1");
    assertThat(engine.taskByMetadataEndpointId("unknown")).isEmpty();
  }

  @Test
  void everyStatusIsSavedWithItsStateChangesBeforeBeingReported() {
    engine.accept(List.of(task("t1", "RUNNING", container("app", "img:1", true)))).join();
    awaitKnown("t1", TaskStatus.RUNNING);

    TaskRecord saved = store.loadTasks().get(0);
    assertThat(saved.knownStatus()).isEqualTo("RUNNING");
    assertThat(saved.containers().get(0).dockerId()).isEqualTo("c1");
    assertThat(saved.sentStatus()).isEqualTo("RUNNING");
    assertThat(store.pendingChanges()).extracting(p -> p.change()).containsExactlyElementsOf(changes);
  }

  @Test
  void restartAdoptsRunningContainersWithoutStartingAnythingTwice() {
    engine.accept(List.of(task("t1", "RUNNING", container("app", "img:1", true)))).join();
    awaitKnown("t1", TaskStatus.RUNNING);
    int reported = changes.size();

    restartEngine();

    assertThat(engine.task("t1").orElseThrow().knownStatus()).isEqualTo(TaskStatus.RUNNING);
    assertThat(docker.count("create")).isEqualTo(1);
    assertThat(docker.count("start")).isEqualTo(1);
    assertThat(changes).hasSize(reported); // nothing re-reported
  }

  @Test
  void restartReportsContainersThatDiedWhileTheAgentWasDown() {
    engine.accept(List.of(task("t1", "RUNNING", container("app", "img:1", true)))).join();
    awaitKnown("t1", TaskStatus.RUNNING);
    engine.close();
    docker.running.put("c1", false);
    docker.exitCodes.put("c1", 9);

    restartEngine();

    TaskSnapshot stopped = awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(9);
    await().until(() -> changes.get(changes.size() - 1) instanceof StateChange.TaskChange t && t.status().equals("STOPPED"));
  }

  @Test
  void restartFindsContainerCreatedButNotRecordedByItsName() {
    // A crash right after docker create: Docker has the container, the store only its chosen name.
    Task t = task("t1", "RUNNING", container("app", "img:1", true));
    String dockerName = "ecs-fam-3-app-0123456789abcdef0123";
    docker.images.add("img:1");
    docker.create(new org.ecsagent.agent.docker.ContainerSpec(dockerName, "img:1", List.of(), List.of(), List.of(),
        Map.of(), 0, 0, List.of(), "bridge", null, null,
        org.ecsagent.agent.docker.ContainerSpec.Mounts.NONE));
    store.saveTask(new TaskRecord(t, "RUNNING", "PULLED", null, null, null, null, null,
        List.of(new TaskRecord.ContainerRecord("app", dockerName, "endpoint-1", null, "sha256:x", "RUNNING", "PULLED",
            null, null, List.of(), null, null, null, null)), null), List.of());

    restartEngine();

    awaitKnown("t1", TaskStatus.RUNNING);
    assertThat(docker.count("create")).isEqualTo(1);
    assertThat(docker.calls).contains("start c1");
    assertThat(engine.task("t1").orElseThrow().containers().get(0).dockerId()).isEqualTo("c1");
  }

  @Test
  void replayedPayloadForACleanedUpTaskIsIgnored() {
    store.removeTask("t9");
    engine.accept(List.of(task("t9", "RUNNING", container("app", "img:1", true)))).join();

    assertThat(engine.task("t9")).isEmpty();
    assertThat(docker.calls).isEmpty();
  }

  @Test
  void periodicReconcileNoticesAContainerWhoseDeathEventWasMissed() {
    engine.accept(List.of(task("t1", "RUNNING", container("app", "img:1", true)))).join();
    TaskSnapshot running = awaitKnown("t1", TaskStatus.RUNNING);

    docker.dieSilently(running.containers().get(0).dockerId(), 42);

    TaskSnapshot stopped = awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(42);
  }

  @Test
  void roleCredentialsAreNotSaved() {
    var secret = new org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentials("id", "role", "AKIA", "SECRET", "TOKEN",
        "2030-01-01T00:00:00Z", "task");
    Task t = task("t1", "RUNNING", container("app", "img:1", true));
    Task withCredentials = new Task(t.arn(), t.taskClusterArn(), t.containers(), t.desiredStatus(), t.family(),
        t.version(), null, secret, secret, null, null, null, null, null, "bridge", null, null);
    engine.accept(List.of(withCredentials)).join();

    TaskRecord saved = store.loadTasks().get(0);
    assertThat(saved.definition().roleCredentials()).isNull();
    assertThat(saved.definition().executionRoleCredentials()).isNull();
  }

  @Test
  void stopTasksStopsOnlyTasksThisAgentRuns() {
    engine.accept(List.of(task("t1", "RUNNING", container("app", "img:1", true)))).join();
    awaitKnown("t1", TaskStatus.RUNNING);

    engine.stopTasks(List.of("t1", "not-mine")).join();

    TaskSnapshot stopped = awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(stopped.desiredStatus()).isEqualTo(TaskStatus.STOPPED);
    assertThat(engine.task("not-mine")).isEmpty();
  }

  private static Container dependent(String name, boolean essential, Integer startTimeout, String... dependsOn) {
    List<org.ecsagent.protocol.acs.AcsMessages.ContainerDependency> deps = new java.util.ArrayList<>();
    for (int i = 0; i < dependsOn.length; i += 2) {
      deps.add(new org.ecsagent.protocol.acs.AcsMessages.ContainerDependency(dependsOn[i], dependsOn[i + 1]));
    }
    return new Container(name, "img:1", List.of("run"), null, null, 32, null, null, essential, null, null, null, null,
        null, null, null, deps.isEmpty() ? null : deps, startTimeout, null, null, null, null, null);
  }

  private String idOf(String taskArn, String container) {
    return engine.task(taskArn).orElseThrow().containers().stream().filter(c -> c.name().equals(container))
        .findFirst().orElseThrow().dockerId();
  }

  @Test
  void startDependencyStartsFirst() {
    engine.accept(List.of(task("t1", "RUNNING", dependent("app", true, null, "db", "START"),
        dependent("db", true, null)))).join();

    awaitKnown("t1", TaskStatus.RUNNING);
    assertThat(docker.calls).containsSubsequence("start " + idOf("t1", "db"), "start " + idOf("t1", "app"));
  }

  @Test
  void successDependencyWaitsForACleanExit() {
    engine.accept(List.of(task("t1", "RUNNING", dependent("init", false, null),
        dependent("app", true, null, "init", "SUCCESS")))).join();
    await().until(() -> docker.calls.stream().anyMatch(c -> c.startsWith("start ")));
    assertThat(docker.count("start")).isEqualTo(1); // only init

    docker.exit(idOf("t1", "init"), 0);

    await().until(() -> docker.count("start") == 2);
    assertThat(engine.task("t1").orElseThrow().containers().get(1).knownStatus()).isNotEqualTo(ContainerStatus.STOPPED);
  }

  @Test
  void failedSuccessDependencyFailsTheTaskWithAReason() {
    engine.accept(List.of(task("t1", "RUNNING", dependent("init", false, null),
        dependent("app", true, null, "init", "SUCCESS")))).join();
    await().until(() -> docker.count("start") == 1);

    docker.exit(idOf("t1", "init"), 3);

    TaskSnapshot stopped = awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(stopped.containers().get(1).reason())
        .isEqualTo("DependencyConditionNotMet: dependency init exited with code 3 but SUCCESS (0) is required");
    assertThat(docker.count("start")).isEqualTo(1);
  }

  @Test
  void healthyDependencyThatNeverBecomesHealthyTimesOut() {
    engine.accept(List.of(task("t1", "RUNNING", dependent("db", true, 1),
        dependent("app", true, null, "db", "HEALTHY")))).join();

    TaskSnapshot stopped = awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(stopped.containers().get(1).reason()).contains("did not reach HEALTHY within 1s");
  }

  @Test
  void healthyDependencyStartsTheDependentOnceHealthy() {
    engine.accept(List.of(task("t1", "RUNNING", dependent("db", true, null),
        dependent("app", true, null, "db", "HEALTHY")))).join();
    await().until(() -> docker.count("start") == 1);

    docker.health(idOf("t1", "db"), "healthy");

    awaitKnown("t1", TaskStatus.RUNNING);
    assertThat(engine.task("t1").orElseThrow().containers().get(0).health()).isEqualTo("HEALTHY");
  }

  @Test
  void shutdownStopsDependentsBeforeTheirDependencies() {
    engine.accept(List.of(task("t1", "RUNNING", dependent("app", true, null, "db", "START"),
        dependent("db", true, null)))).join();
    awaitKnown("t1", TaskStatus.RUNNING);

    engine.stopTasks(List.of("t1")).join();

    awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(docker.calls).containsSubsequence("stop " + idOf("t1", "app"), "stop " + idOf("t1", "db"));
  }

  @Test
  void oomKilledContainerIsReportedWithTheOriginalsReason() {
    engine.accept(List.of(task("t1", "RUNNING", container("app", "img:1", true)))).join();
    String id = awaitKnown("t1", TaskStatus.RUNNING).containers().get(0).dockerId();

    docker.oom(id);
    docker.exit(id, 137);

    TaskSnapshot stopped = awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(stopped.containers().get(0).reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
  }

  private static Task withPort(String arn, int hostPort) {
    Container c = new Container("web", "img:1", null, null, null, 16, null, null, true, null,
        List.of(new org.ecsagent.protocol.acs.AcsMessages.PortMapping(80, hostPort, null, "tcp")), null, null, null,
        null, null, null, null, null, null, null, null, null);
    return task(arn, "RUNNING", c);
  }

  @Test
  void taskThatDoesNotFitInMemoryIsRefusedNotOvercommitted() {
    engine.accept(List.of(task("t1", "RUNNING", container("a", "img:1", true), container("b", "img:1", true),
        container("c", "img:1", true)))).join(); // 3 × 64 MiB of 256
    awaitKnown("t1", TaskStatus.RUNNING);

    engine.accept(List.of(task("t2", "RUNNING", container("big", "img:1", true), container("big2", "img:1", true))))
        .join();

    TaskSnapshot refused = awaitKnown("t2", TaskStatus.STOPPED);
    assertThat(refused.containers().get(0).reason()).startsWith("RESOURCE:MEMORY: task needs 128 MiB, 64 of 256");
  }

  @Test
  void staticHostPortsAreNotSharedOrTakenFromReservedPorts() {
    engine.accept(List.of(withPort("t1", 8080))).join();
    awaitKnown("t1", TaskStatus.RUNNING);

    engine.accept(List.of(withPort("t2", 8080), withPort("t3", 22))).join();

    assertThat(awaitKnown("t2", TaskStatus.STOPPED).containers().get(0).reason()).contains("RESOURCE:PORTS: host port 8080");
    assertThat(awaitKnown("t3", TaskStatus.STOPPED).containers().get(0).reason()).contains("RESOURCE:PORTS: host port 22");
  }

  @Test
  void loggingDriverTheHostDoesNotAllowFailsTheTask() {
    Container c = new Container("app", "img:1", null, null, null, 16, null, null, true, null, null, null, null,
        new org.ecsagent.protocol.acs.AcsMessages.DockerConfig(null, null, "{\"LogConfig\":{\"Type\":\"splunk\"}}"),
        null, null, null, null, null, null, null, null, null);
    engine.accept(List.of(task("t1", "RUNNING", c))).join();

    assertThat(awaitKnown("t1", TaskStatus.STOPPED).containers().get(0).reason())
        .contains("logging driver splunk").contains("ECS_AVAILABLE_LOGGING_DRIVERS");
    assertThat(docker.calls).isEmpty();
  }

  @Test
  void taskRoleCredentialsAreServedBeforeContainersStartAndDieWithTheTask() {
    var role = new org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentials("acs-cred-1", "arn:aws:iam::1:role/app",
        "AKIAEXAMPLE", "secret", "token", "2030-01-01T00:00:00Z", "task");
    Task t = task("t1", "RUNNING", container("app", "img:1", true));
    Task withRole = new Task(t.arn(), t.taskClusterArn(), t.containers(), "RUNNING", t.family(), t.version(), null,
        role, null, null, null, null, null, null, "bridge", null, null);
    engine.accept(List.of(withRole)).join();
    awaitKnown("t1", TaskStatus.RUNNING);

    String uri = docker.created.get("c1").environment().stream()
        .filter(e -> e.startsWith("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=")).findFirst().orElseThrow();
    String id = uri.substring(uri.lastIndexOf('/') + 1);
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(credentials.credentials(id)).map(c -> c.accessKeyId()).contains("AKIAEXAMPLE");
    assertThat(credentials.taskArn(id)).contains("t1");

    engine.stopTasks(List.of("t1")).join();
    awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(credentials.credentials(id)).isEmpty();
  }

  @Test
  void pullsWithTheConfiguredRegistryCredentials() {
    engine.accept(List.of(task("t1", "RUNNING", container("app", "registry.example.com:5000/team/app:1", true),
        container("hub", "busybox:1", true)))).join();
    awaitKnown("t1", TaskStatus.RUNNING);

    assertThat(docker.pullAuth).containsEntry("registry.example.com:5000/team/app:1", "u@registry.example.com:5000")
        .containsEntry("busybox:1", "none");
  }

  @Test
  void transientPullFailuresAreRetriedAndPermanentOnesAreNot() {
    docker.transientPullFailures.put("flaky:1", 2);
    docker.unpullable.add("gone:1");
    engine.accept(List.of(task("t1", "RUNNING", container("app", "flaky:1", true)),
        task("t2", "RUNNING", container("app", "gone:1", true)))).join();

    awaitKnown("t1", TaskStatus.RUNNING);
    awaitKnown("t2", TaskStatus.STOPPED);
    assertThat(docker.count("pull flaky:1")).isEqualTo(3);
    assertThat(docker.count("pull gone:1")).isEqualTo(1);
  }

  @Test
  void pullRetriesAreBounded() {
    docker.transientPullFailures.put("down:1", 100);
    engine.accept(List.of(task("t1", "RUNNING", container("app", "down:1", true)))).join();

    TaskSnapshot stopped = awaitKnown("t1", TaskStatus.STOPPED);
    assertThat(stopped.containers().get(0).reason()).startsWith("CannotPullContainerError: connection reset");
    assertThat(docker.count("pull down:1")).isEqualTo(ImagePuller.PULL_ATTEMPTS);
  }
}
