package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/** Where RunTask and StartTask put tasks, and why they refuse to. */
class PlacementTest {
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
  void refusesToRunInAClusterWithoutInstances() {
    String cluster = fixture.newCluster();
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

    assertThatThrownBy(() -> fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("No Container Instances were found in your cluster.");
  }

  @Test
  void reportsMissingMemory() {
    String cluster = fixture.newCluster();
    String instance = fixture.registerAgent(cluster, 1024, 512);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 1024));

    RunTaskResponse run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition));

    assertThat(run.tasks()).isEmpty();
    assertThat(run.failures()).containsExactly(Failure.builder().arn(instance).reason("RESOURCE:MEMORY").build());
  }

  @Test
  void reportsMissingCpuOnceTheInstanceIsFull() {
    String cluster = fixture.newCluster();
    fixture.registerAgent(cluster, 256, 4096);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64)); // 128 CPU units each

    RunTaskResponse run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).count(3));

    assertThat(run.tasks()).hasSize(2);
    assertThat(run.failures()).extracting(Failure::reason).containsExactly("RESOURCE:CPU");
  }

  @Test
  void keepsStaticHostPortsApart() {
    String cluster = fixture.newCluster();
    String instance = fixture.registerAgent(cluster, 4096, 4096);
    String web = fixture.registerTaskDefinition(ContainerDefinition.builder().name("web").image("nginx").memory(64)
        .portMappings(PortMapping.builder().containerPort(80).hostPort(8080).build()).build());
    String ssh = fixture.registerTaskDefinition(ContainerDefinition.builder().name("ssh").image("sshd").memory(64)
        .portMappings(PortMapping.builder().containerPort(22).hostPort(22).build()).build());

    assertThat(fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(web)).tasks()).hasSize(1);
    assertThat(fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(web)).failures())
        .containsExactly(Failure.builder().arn(instance).reason("RESOURCE:PORTS").build());
    assertThat(fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(ssh)).failures())
        .extracting(Failure::reason).containsExactly("RESOURCE:PORTS"); // 22 is reserved by the agent
  }

  @Test
  void freesResourcesWhenATaskStops() {
    String cluster = fixture.newCluster();
    fixture.registerAgent(cluster, 1024, 100);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 100));
    Task first = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)).tasks().get(0);
    assertThat(fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)).tasks()).isEmpty();

    fixture.ecs.submitTaskStateChange(r -> r.cluster(cluster).task(first.taskArn()).status("STOPPED"));

    assertThat(fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)).tasks()).hasSize(1);
  }

  @Test
  void placesTasksOnlyOnInstancesWithRoom() {
    String cluster = fixture.newCluster();
    String small = fixture.registerAgent(cluster, 1024, 64);
    String large = fixture.registerAgent(cluster, 1024, 4096);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 128));

    RunTaskResponse run = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).count(5));

    assertThat(run.failures()).isEmpty();
    assertThat(run.tasks()).extracting(Task::containerInstanceArn).containsOnly(large).doesNotContain(small);
  }

  @Test
  void startsTasksOnNamedInstances() {
    String cluster = fixture.newCluster();
    String chosen = fixture.registerAgent(cluster, 1024, 1024);
    fixture.registerAgent(cluster, 1024, 1024);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

    var started = fixture.ecs.startTask(r -> r.cluster(cluster).taskDefinition(definition)
        .containerInstances(chosen, "ffffffffffffffffffffffffffffffff"));

    assertThat(started.tasks()).extracting(Task::containerInstanceArn).containsExactly(chosen);
    assertThat(started.failures()).extracting(Failure::reason).containsExactly("MISSING");
  }

  @Test
  void refusesOverridesForContainersTheDefinitionLacks() {
    String cluster = fixture.newCluster();
    fixture.registerAgent(cluster, 1024, 1024);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));

    assertThatThrownBy(() -> fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)
        .overrides(o -> o.containerOverrides(c -> c.name("ghost").command("true")))))
        .isInstanceOf(InvalidParameterException.class);
  }
}
