package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

class TaskDefinitionApiTest {
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
  void registersRevisionsOfAFamily() {
    TaskDefinition first = register("web", "nginx:1");
    TaskDefinition second = register("web", "nginx:2");

    assertThat(first.revision()).isEqualTo(1);
    assertThat(second.revision()).isEqualTo(2);
    assertThat(second.taskDefinitionArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-definition/web:2");
    assertThat(second.statusAsString()).isEqualTo("ACTIVE");
    assertThat(second.networkModeAsString()).isEqualTo("bridge");
    assertThat(second.registeredAt()).isNotNull();
    ContainerDefinition container = second.containerDefinitions().get(0);
    assertThat(container.image()).isEqualTo("nginx:2");
    assertThat(container.memory()).isEqualTo(128);
    assertThat(container.essential()).isTrue();
  }

  @Test
  void describesByFamilyRevisionOrArn() {
    TaskDefinition first = register("api", "api:1");
    TaskDefinition latest = register("api", "api:2");

    assertThat(describe("api")).isEqualTo(latest);
    assertThat(describe("api:1")).isEqualTo(first);
    assertThat(describe(first.taskDefinitionArn())).isEqualTo(first);
  }

  @Test
  void refusesUnknownDefinitions() {
    assertThatThrownBy(() -> describe("never-registered"))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("Unable to describe task definition.");
    register("known", "x:1");
    assertThatThrownBy(() -> describe("known:7")).isInstanceOf(ClientException.class);
  }

  @Test
  void requiresMemoryForEachContainerWithoutTaskMemory() {
    assertThatThrownBy(() -> fixture.ecs.registerTaskDefinition(r -> r.family("nomem")
        .containerDefinitions(ContainerDefinition.builder().name("app").image("busybox").build())))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("At least one of 'memory' or 'memoryReservation' must be specified.");

    TaskDefinition taskLevel = fixture.ecs.registerTaskDefinition(r -> r.family("taskmem").memory("512").cpu("256")
        .containerDefinitions(ContainerDefinition.builder().name("app").image("busybox").build())).taskDefinition();
    assertThat(taskLevel.memory()).isEqualTo("512");
  }

  @Test
  void listsDefinitions() {
    TaskDefinition listed = register("listed-family", "busybox:1");
    assertThat(fixture.ecs.listTaskDefinitions(r -> r.familyPrefix("listed-")).taskDefinitionArns())
        .containsExactly(listed.taskDefinitionArn());
  }

  private TaskDefinition register(String family, String image) {
    return fixture.ecs.registerTaskDefinition(r -> r.family(family)
        .containerDefinitions(ContainerDefinition.builder().name("app").image(image).memory(128).build()))
        .taskDefinition();
  }

  private TaskDefinition describe(String reference) {
    return fixture.ecs.describeTaskDefinition(r -> r.taskDefinition(reference)).taskDefinition();
  }
}
