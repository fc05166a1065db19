package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementConstraintType;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/** RunTask's placement strategies and constraints, and the failures it reports. */
class PlacementStrategyTest {
  static Fixture fixture;

  @BeforeAll
  static void start() {
    fixture = Fixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void binpackFillsOneInstanceFirst() {
    String cluster = fixture.newCluster();
    List<String> instances = List.of(fixture.registerAgent(cluster, 4096, 1024), fixture.registerAgent(cluster, 4096, 1024),
        fixture.registerAgent(cluster, 4096, 1024));
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 256));
    PlacementStrategy binpack = PlacementStrategy.builder().type(PlacementStrategyType.BINPACK).field("memory").build();

    RunTaskResponse first = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).count(4)
        .placementStrategy(binpack));
    RunTaskResponse fifth = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)
        .placementStrategy(binpack));

    assertThat(perInstance(first.tasks()).values()).containsExactly(4L);
    String full = first.tasks().get(0).containerInstanceArn();
    assertThat(fifth.tasks().get(0).containerInstanceArn()).isNotEqualTo(full).isIn(instances);
  }

  @Test
  void binpackOnCpuPrefersTheInstanceWithLeastCpuLeft() {
    String cluster = fixture.newCluster();
    fixture.registerAgent(cluster, 4096, 4096);
    String small = fixture.registerAgent(cluster, 512, 4096);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64)); // 128 CPU units

    RunTaskResponse run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).count(4)
        .placementStrategy(PlacementStrategy.builder().type(PlacementStrategyType.BINPACK).field("cpu").build()));

    assertThat(run.tasks()).extracting(Task::containerInstanceArn).containsOnly(small);
  }

  @Test
  void spreadOverInstancesBalancesThem() {
    String cluster = fixture.newCluster();
    for (int i = 0; i < 3; i++) {
      fixture.registerAgent(cluster, 4096, 4096);
    }
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

    RunTaskResponse run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).count(6)
        .placementStrategy(PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("instanceId").build()));

    assertThat(perInstance(run.tasks()).values()).containsExactly(2L, 2L, 2L);
  }

  @Test
  void spreadOverAnAttributeBalancesItsValues() {
    String cluster = fixture.newCluster();
    FakeAgent a1 = FakeAgent.start(fixture, cluster, 4096, 4096, Map.of("zone", "a"));
    FakeAgent a2 = FakeAgent.start(fixture, cluster, 4096, 4096, Map.of("zone", "a"));
    FakeAgent b = FakeAgent.start(fixture, cluster, 4096, 4096, Map.of("zone", "b"));
    try (a1; a2; b) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

      RunTaskResponse run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).count(4)
          .placementStrategy(PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("attribute:zone")
              .build()));

      Map<String, Long> placed = perInstance(run.tasks());
      assertThat(placed.getOrDefault(b.instance, 0L)).isEqualTo(2);
      assertThat(placed.getOrDefault(a1.instance, 0L) + placed.getOrDefault(a2.instance, 0L)).isEqualTo(2);
    }
  }

  @Test
  void distinctInstancePutsEachTaskOfTheGroupOnItsOwnInstance() {
    String cluster = fixture.newCluster();
    fixture.registerAgent(cluster, 4096, 4096);
    fixture.registerAgent(cluster, 4096, 4096);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

    RunTaskResponse run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).count(3)
        .group("singletons")
        .placementConstraints(PlacementConstraint.builder().type(PlacementConstraintType.DISTINCT_INSTANCE).build()));

    assertThat(perInstance(run.tasks()).values()).containsExactly(1L, 1L);
    assertThat(run.failures()).extracting(Failure::reason)
        .containsOnly("DistinctInstance placement constraint unsatisfied.");
    assertThat(run.tasks()).extracting(Task::group).containsOnly("singletons");
  }

  @Test
  void memberOfKeepsTasksOnMatchingInstances() {
    String cluster = fixture.newCluster();
    FakeAgent prod = FakeAgent.start(fixture, cluster, 4096, 4096, Map.of("stack", "prod"));
    FakeAgent dev = FakeAgent.start(fixture, cluster, 4096, 4096, Map.of("stack", "dev"));
    try (prod; dev) {
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

      RunTaskResponse run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).count(3)
          .placementConstraints(memberOf("attribute:stack == prod")));
      RunTaskResponse none = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)
          .placementConstraints(memberOf("attribute:stack == qa")));

      assertThat(run.tasks()).extracting(Task::containerInstanceArn).containsOnly(prod.instance);
      assertThat(none.tasks()).isEmpty();
      assertThat(none.failures()).extracting(Failure::reason)
          .containsOnly("MemberOf placement constraint unsatisfied.").hasSize(2);
    }
  }

  @Test
  void honoursTheTaskDefinitionsOwnConstraints() {
    String cluster = fixture.newCluster();
    FakeAgent prod = FakeAgent.start(fixture, cluster, 4096, 4096, Map.of("stack", "prod"));
    FakeAgent dev = FakeAgent.start(fixture, cluster, 4096, 4096, Map.of("stack", "dev"));
    try (prod; dev) {
      String definition = fixture.ecs.registerTaskDefinition(r -> r.family("constrained")
          .containerDefinitions(Fixture.container("app", 64))
          .placementConstraints(t -> t.type("memberOf").expression("attribute:stack == dev")))
          .taskDefinition().taskDefinitionArn();

      RunTaskResponse run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).count(3));

      assertThat(run.tasks()).extracting(Task::containerInstanceArn).containsOnly(dev.instance);
    }
  }

  @Test
  void runTaskSkipsInstancesWhoseAgentIsDisconnectedButStartTaskDoesNot() {
    String cluster = fixture.newCluster();
    String offline = fixture.registerInstance(cluster, 4096, 4096);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

    RunTaskResponse run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition));

    assertThat(run.tasks()).isEmpty();
    assertThat(run.failures()).containsExactly(Failure.builder().arn(offline).reason("AGENT").build());
    assertThat(fixture.ecs.startTask(r -> r.cluster(cluster).taskDefinition(definition).containerInstances(offline))
        .tasks()).hasSize(1);
  }

  @Test
  void refusesStrategiesAndConstraintsEcsWouldRefuse() {
    String cluster = fixture.newCluster();
    fixture.registerAgent(cluster, 4096, 4096);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

    assertThatThrownBy(() -> fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)
        .placementStrategy(PlacementStrategy.builder().type(PlacementStrategyType.BINPACK).field("disk").build())))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)
        .placementConstraints(memberOf("attribute:stack ==="))))
        .isInstanceOf(InvalidParameterException.class);
  }

  private static PlacementConstraint memberOf(String expression) {
    return PlacementConstraint.builder().type(PlacementConstraintType.MEMBER_OF).expression(expression).build();
  }

  private static Map<String, Long> perInstance(List<Task> tasks) {
    return tasks.stream().collect(Collectors.groupingBy(Task::containerInstanceArn, Collectors.counting()));
  }
}
