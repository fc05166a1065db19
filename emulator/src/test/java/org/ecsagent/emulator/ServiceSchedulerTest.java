package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecsagent.emulator.FakeAgent.Behaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The service scheduler, through the SDK, with fake agents that run (or fail) what they are sent
 * and a test clock for backoff.
 */
class ServiceSchedulerTest {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  static TestClock clock = new TestClock();
  static Fixture fixture;

  @BeforeAll
  static void start() {
    fixture = Fixture.start(clock);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void keepsTheDesiredCountRunningAndReachesASteadyState() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 3, 4096, 4096, f -> Behaviour.RUN)) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

      Service created = create(cluster, "web", definition, 3, b -> b);

      assertThat(created.deployments()).singleElement().satisfies(d -> {
        assertThat(d.id()).matches("ecs-svc/\\d{19}");
        assertThat(d.status()).isEqualTo("PRIMARY");
      });
      Service steady = awaitSteady(cluster, "web");
      assertThat(steady.runningCount()).isEqualTo(3);
      assertThat(steady.deployments().get(0).rolloutStateAsString()).isEqualTo("COMPLETED");
      assertThat(messages(steady)).anyMatch(m -> m.matches("\\(service web\\) has started 3 tasks: (\\(task [0-9a-f]{32}\\) ?){3}\\."))
          .contains("(service web) has reached a steady state.");
      List<Task> tasks = serviceTasks(cluster, "web");
      assertThat(tasks).hasSize(3).allSatisfy(t -> {
        assertThat(t.startedBy()).isEqualTo(created.deployments().get(0).id());
        assertThat(t.group()).isEqualTo("service:web");
      });
      assertThat(fixture.ecs.describeClusters(r -> r.clusters(cluster)).clusters().get(0).activeServicesCount())
          .isEqualTo(1);
    }
  }

  @Test
  void spreadsSixTasksOverThreeAgentsTwoEach() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 3, 4096, 4096, f -> Behaviour.RUN)) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

      create(cluster, "spread", definition, 6, b -> b);
      awaitSteady(cluster, "spread");

      assertThat(perInstance(serviceTasks(cluster, "spread")).values()).containsExactly(2L, 2L, 2L);
      assertThat(agents.all()).allSatisfy(a -> assertThat(a.running()).hasSize(2));
    }
  }

  @Test
  void spreadsOverAnAttributeEachAgentCarries() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 3, 4096, 4096, f -> Behaviour.RUN)) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

      create(cluster, "by-agent", definition, 6, b -> b.placementStrategy(PlacementStrategy.builder()
          .type(PlacementStrategyType.SPREAD).field("attribute:local.agent").build()));
      awaitSteady(cluster, "by-agent");

      assertThat(perInstance(serviceTasks(cluster, "by-agent")).values()).containsExactly(2L, 2L, 2L);
    }
  }

  @Test
  void binpackFillsOneInstanceFirst() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 3, 4096, 1024, f -> Behaviour.RUN)) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 256));

      create(cluster, "packed", definition, 4, b -> b.placementStrategy(PlacementStrategy.builder()
          .type(PlacementStrategyType.BINPACK).field("memory").build()));
      awaitSteady(cluster, "packed");

      assertThat(perInstance(serviceTasks(cluster, "packed")).values()).containsExactly(4L);
    }
  }

  @Test
  void replacesATaskThatStops() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 1, 4096, 4096, f -> Behaviour.RUN)) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
      create(cluster, "self-healing", definition, 2, b -> b);
      awaitSteady(cluster, "self-healing");
      Task victim = serviceTasks(cluster, "self-healing").get(0);

      fixture.ecs.submitTaskStateChange(r -> r.cluster(cluster).task(victim.taskArn()).status("STOPPED")
          .containers(c -> c.containerName("app").status("STOPPED").exitCode(137)));

      await().atMost(TIMEOUT).until(() -> serviceTasks(cluster, "self-healing").stream()
          .noneMatch(t -> t.taskArn().equals(victim.taskArn())) && describe(cluster, "self-healing").runningCount() == 2);
      assertThat(describe(cluster, "self-healing").deployments().get(0).failedTasks()).isEqualTo(1);
    }
  }

  @Test
  void backsOffLaunchesOfTasksThatFailToStart() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 1, 4096, 4096, f -> Behaviour.FAIL_TO_START)) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

      create(cluster, "unpullable", definition, 1, b -> b);

      await().atMost(TIMEOUT).until(() -> stoppedTasks(cluster, "unpullable") == 2); // first failure: at once
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
          .until(() -> stoppedTasks(cluster, "unpullable") == 2 && serviceTasks(cluster, "unpullable").isEmpty());
      clock.advance(Duration.ofSeconds(10));
      await().atMost(TIMEOUT).until(() -> stoppedTasks(cluster, "unpullable") == 3);
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
          .until(() -> stoppedTasks(cluster, "unpullable") == 3);
      clock.advance(Duration.ofSeconds(10));
      await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
          .until(() -> stoppedTasks(cluster, "unpullable") == 3); // 20 s this time
      clock.advance(Duration.ofSeconds(10));
      await().atMost(TIMEOUT).until(() -> stoppedTasks(cluster, "unpullable") == 4);
      assertThat(messages(describe(cluster, "unpullable")))
          .contains("(service unpullable) is unable to consistently start tasks successfully.");
    }
  }

  @Test
  void rollsTaskByTaskWithoutDroppingBelowMinimumHealthyPercent() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 1, 8192, 8192, f -> Behaviour.RUN)) {
      String v1 = fixture.registerTaskDefinition(Fixture.container("app", 64));
      String v2 = fixture.registerTaskDefinition(Fixture.container("app", 64));
      create(cluster, "rolling", v1, 4, b -> b.deploymentConfiguration(c -> c.minimumHealthyPercent(75)
          .maximumPercent(100)));
      awaitSteady(cluster, "rolling");
      int before = agents.get(0).runningTimeline().size();

      fixture.ecs.updateService(r -> r.cluster(cluster).service("rolling").taskDefinition(v2));

      Service done = advancingUntil(() -> describe(cluster, "rolling"),
          s -> s.deployments().size() == 1 && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString())
              && s.runningCount() == 4);
      assertThat(done.taskDefinition()).isEqualTo(v2);
      assertThat(serviceTasks(cluster, "rolling")).extracting(Task::taskDefinitionArn).containsOnly(v2);
      List<Integer> during = agents.get(0).runningTimeline().subList(before, agents.get(0).runningTimeline().size());
      assertThat(during).isNotEmpty().allSatisfy(running -> assertThat(running).isBetween(3, 4));
      assertThat(messages(done).stream().filter(m -> m.contains("has stopped 1 running tasks"))).hasSize(4);
    }
  }

  @Test
  void defaultRollingUpdateStartsNewTasksBeforeStoppingOldOnes() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 1, 8192, 8192, f -> Behaviour.RUN)) {
      String v1 = fixture.registerTaskDefinition(Fixture.container("app", 64));
      String v2 = fixture.registerTaskDefinition(Fixture.container("app", 64));
      create(cluster, "surge", v1, 3, b -> b);
      awaitSteady(cluster, "surge");
      int before = agents.get(0).runningTimeline().size();

      fixture.ecs.updateService(r -> r.cluster(cluster).service("surge").taskDefinition(v2));

      await().atMost(TIMEOUT).until(() -> describe(cluster, "surge").deployments().size() == 1
          && serviceTasks(cluster, "surge").stream().allMatch(t -> t.taskDefinitionArn().equals(v2))
          && describe(cluster, "surge").runningCount() == 3);
      List<Integer> during = agents.get(0).runningTimeline().subList(before, agents.get(0).runningTimeline().size());
      assertThat(during).allSatisfy(running -> assertThat(running).isBetween(3, 6));
    }
  }

  @Test
  void circuitBreakerFailsACrashingDeploymentAndRollsBack() {
    String cluster = fixture.newCluster();
    String good = "good-" + UUID.randomUUID().toString().substring(0, 8);
    String crashing = "crashing-" + UUID.randomUUID().toString().substring(0, 8);
    try (Agents agents = Agents.start(cluster, 2, 4096, 4096,
        family -> family.equals(crashing) ? Behaviour.CRASH : Behaviour.RUN)) {
      String v1 = fixture.ecs.registerTaskDefinition(r -> r.family(good)
          .containerDefinitions(Fixture.container("app", 64))).taskDefinition().taskDefinitionArn();
      String v2 = fixture.ecs.registerTaskDefinition(r -> r.family(crashing)
          .containerDefinitions(Fixture.container("app", 64))).taskDefinition().taskDefinitionArn();
      create(cluster, "guarded", v1, 2, b -> b.deploymentConfiguration(c -> c
          .deploymentCircuitBreaker(cb -> cb.enable(true).rollback(true))));
      String firstDeployment = awaitSteady(cluster, "guarded").deployments().get(0).id();

      String failedDeployment = fixture.ecs.updateService(r -> r.cluster(cluster).service("guarded").taskDefinition(v2))
          .service().deployments().get(0).id();

      Service rolledBack = advancingUntil(() -> describe(cluster, "guarded"),
          s -> s.deployments().size() == 1 && s.deployments().get(0).id().equals(firstDeployment)
              && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()) && s.runningCount() == 2);
      assertThat(rolledBack.taskDefinition()).isEqualTo(v1);
      assertThat(serviceTasks(cluster, "guarded")).extracting(Task::taskDefinitionArn).containsOnly(v1);
      assertThat(messages(rolledBack)).contains(
          "(service guarded) (deployment " + failedDeployment + ") deployment failed: tasks failed to start.",
          "(service guarded) (deployment " + failedDeployment + ") rolling back to deployment " + firstDeployment + ".");
      assertThat(stoppedTasks(cluster, "guarded")).isGreaterThanOrEqualTo(3); // the threshold: max(3, 0.5 x 2)
    }
  }

  @Test
  void circuitBreakerWithoutRollbackStopsLaunching() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 1, 4096, 4096, f -> Behaviour.CRASH)) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
      create(cluster, "doomed", definition, 1, b -> b.deploymentConfiguration(c -> c
          .deploymentCircuitBreaker(cb -> cb.enable(true).rollback(false))));

      Deployment failed = await().atMost(TIMEOUT).until(() -> describe(cluster, "doomed").deployments().get(0),
          d -> "FAILED".equals(d.rolloutStateAsString()));

      assertThat(failed.failedTasks()).isEqualTo(3);
      assertThat(failed.rolloutStateReason()).contains("circuit breaker");
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
          .until(() -> stoppedTasks(cluster, "doomed") == 3 && serviceTasks(cluster, "doomed").isEmpty());
    }
  }

  @Test
  void drainingAnInstanceMovesItsServiceTasksElsewhere() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 2, 4096, 4096, f -> Behaviour.RUN)) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
      String standalone = fixture.registerTaskDefinition(Fixture.container("app", 64));
      create(cluster, "movable", definition, 4, b -> b);
      awaitSteady(cluster, "movable");
      FakeAgent drained = agents.get(0);
      String other = fixture.ecs.startTask(r -> r.cluster(cluster).taskDefinition(standalone)
          .containerInstances(drained.instance)).tasks().get(0).taskArn();
      await().atMost(TIMEOUT).until(() -> drained.running().contains(other));

      fixture.ecs.updateContainerInstancesState(r -> r.cluster(cluster).containerInstances(drained.instance)
          .status(ContainerInstanceStatus.DRAINING));

      await().atMost(TIMEOUT).until(() -> {
        List<Task> tasks = serviceTasks(cluster, "movable");
        return tasks.size() == 4 && tasks.stream().allMatch(t -> t.containerInstanceArn().equals(agents.get(1).instance))
            && describe(cluster, "movable").runningCount() == 4;
      });
      assertThat(drained.running()).containsExactly(other); // tasks outside services stay
      Task moved = fixture.ecs.describeTasks(r -> r.cluster(cluster).tasks(fixture.ecs.listTasks(l -> l.cluster(cluster)
          .serviceName("movable").desiredStatus(DesiredStatus.STOPPED)).taskArns().get(0))).tasks().get(0);
      assertThat(moved.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
    }
  }

  @Test
  void scalesInAndIsDeleted() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 1, 4096, 4096, f -> Behaviour.RUN)) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
      create(cluster, "shrinking", definition, 3, b -> b.healthCheckGracePeriodSeconds(30));
      awaitSteady(cluster, "shrinking");

      Service scaled = fixture.ecs.updateService(r -> r.cluster(cluster).service("shrinking").desiredCount(1)).service();

      assertThat(scaled.deployments()).hasSize(1);
      assertThat(scaled.healthCheckGracePeriodSeconds()).isEqualTo(30);
      await().atMost(TIMEOUT).until(() -> agents.get(0).running().size() == 1);
      assertThatThrownBy(() -> fixture.ecs.deleteService(r -> r.cluster(cluster).service("shrinking")))
          .isInstanceOf(InvalidParameterException.class);

      Service deleting = fixture.ecs.deleteService(r -> r.cluster(cluster).service("shrinking").force(true)).service();

      assertThat(deleting.status()).isEqualTo("DRAINING");
      await().atMost(TIMEOUT).until(() -> "INACTIVE".equals(describe(cluster, "shrinking").status()));
      assertThat(agents.get(0).running()).isEmpty();
      assertThat(fixture.ecs.listServices(r -> r.cluster(cluster)).serviceArns()).isEmpty();
      assertThatThrownBy(() -> fixture.ecs.updateService(r -> r.cluster(cluster).service("shrinking").desiredCount(1)))
          .isInstanceOf(software.amazon.awssdk.services.ecs.model.ServiceNotActiveException.class);
    }
  }

  @Test
  void describesListsAndRefusesAsEcsDoes() {
    String cluster = fixture.newCluster();
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
    Service created = create(cluster, "listed", definition, 0, b -> b);

    assertThat(fixture.ecs.listServices(r -> r.cluster(cluster)).serviceArns()).containsExactly(created.serviceArn());
    assertThat(created.serviceArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/"
        + cluster.substring(cluster.lastIndexOf('/') + 1) + "/listed");
    assertThat(created.deploymentConfiguration().maximumPercent()).isEqualTo(200);
    assertThat(created.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(100);
    var described = fixture.ecs.describeServices(r -> r.cluster(cluster).services("listed", "missing"));
    assertThat(described.services()).extracting(Service::serviceName).containsExactly("listed");
    assertThat(described.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
    assertThatThrownBy(() -> create(cluster, "listed", definition, 1, b -> b))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("not idempotent");
    assertThatThrownBy(() -> fixture.ecs.updateService(r -> r.cluster(cluster).service("nope").desiredCount(1)))
        .isInstanceOf(ServiceNotFoundException.class);
    assertThat(messages(awaitSteady(cluster, "listed"))).contains("(service listed) has reached a steady state.");
  }

  @Test
  void reportsWhyATaskCannotBePlaced() {
    String cluster = fixture.newCluster();
    try (Agents agents = Agents.start(cluster, 1, 1024, 128, f -> Behaviour.RUN)) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 256));

      create(cluster, "too-big", definition, 1, b -> b);

      Service service = await().atMost(TIMEOUT).until(() -> describe(cluster, "too-big"), Fixture::hasEvents);
      assertThat(messages(service)).singleElement().asString()
          .startsWith("(service too-big) was unable to place a task because no container instance met all of its "
              + "requirements. The closest matching (container-instance ")
          .contains("has insufficient memory available.");
    }
  }

  private static Service create(String cluster, String name, String definition, int desired,
      Function<CreateServiceRequest.Builder, CreateServiceRequest.Builder> more) {
    return fixture.ecs.createService(r -> more.apply(r.cluster(cluster).serviceName(name).taskDefinition(definition)
        .desiredCount(desired))).service();
  }

  private static Service describe(String cluster, String name) {
    return fixture.ecs.describeServices(r -> r.cluster(cluster).services(name)).services().get(0);
  }

  /** Waits for the service's steady state, moving the clock on so deployments can stabilize. */
  private static Service awaitSteady(String cluster, String name) {
    return advancingUntil(() -> describe(cluster, name),
        s -> messages(s).contains("(service " + name + ") has reached a steady state."));
  }

  /** Waits until the value matches, moving the clock on a second at each look. */
  private static <T> T advancingUntil(java.util.concurrent.Callable<T> value, java.util.function.Predicate<T> matches) {
    return await().atMost(TIMEOUT).until(() -> {
      clock.advance(Duration.ofSeconds(1));
      return value.call();
    }, matches::test);
  }

  private static List<String> messages(Service service) {
    return service.events().stream().map(ServiceEvent::message).toList();
  }

  /** The service's tasks that are meant to run. */
  private static List<Task> serviceTasks(String cluster, String name) {
    List<String> arns = fixture.ecs.listTasks(r -> r.cluster(cluster).serviceName(name)).taskArns();
    return arns.isEmpty() ? List.of() : fixture.ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks();
  }

  private static int stoppedTasks(String cluster, String name) {
    return fixture.ecs.listTasks(r -> r.cluster(cluster).serviceName(name).desiredStatus(DesiredStatus.STOPPED))
        .taskArns().size();
  }

  private static Map<String, Long> perInstance(List<Task> tasks) {
    return tasks.stream().collect(Collectors.groupingBy(Task::containerInstanceArn, Collectors.counting()));
  }

  /** N fake agents in one cluster, each with the attribute local.agent=&lt;n&gt;. */
  private record Agents(List<FakeAgent> all) implements AutoCloseable {
    static Agents start(String cluster, int n, int cpu, int memory, Function<String, Behaviour> behaviour) {
      List<FakeAgent> agents = new java.util.ArrayList<>();
      for (int i = 1; i <= n; i++) {
        agents.add(FakeAgent.start(fixture, cluster, cpu, memory, Map.of("local.agent", String.valueOf(i)), behaviour));
      }
      return new Agents(agents);
    }

    FakeAgent get(int i) {
      return all.get(i);
    }

    @Override
    public void close() {
      all.forEach(FakeAgent::close);
    }
  }
}
