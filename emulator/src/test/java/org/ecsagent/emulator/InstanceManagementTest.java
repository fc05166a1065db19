package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.AttributeLimitExceededException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.TargetNotFoundException;
import software.amazon.awssdk.services.ecs.model.TargetType;
import software.amazon.awssdk.services.ecs.model.Task;

/** Container instance state, custom attributes and cluster query filters, through the SDK. */
class InstanceManagementTest {
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
  void drainingAnInstanceKeepsNewTasksOff() {
    String cluster = fixture.newCluster();
    String draining = fixture.registerAgent(cluster, 1024, 1024);
    String other = fixture.registerAgent(cluster, 1024, 1024);

    var updated = fixture.ecs.updateContainerInstancesState(r -> r.cluster(cluster)
        .containerInstances(draining, "ffffffffffffffffffffffffffffffff").status(ContainerInstanceStatus.DRAINING));

    assertThat(updated.containerInstances()).extracting(ContainerInstance::status).containsExactly("DRAINING");
    assertThat(updated.failures()).extracting(Failure::reason).containsExactly("MISSING");
    assertThat(fixture.ecs.listContainerInstances(r -> r.cluster(cluster).status(ContainerInstanceStatus.DRAINING))
        .containerInstanceArns()).containsExactly(draining);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
    assertThat(fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).count(4)).tasks())
        .extracting(Task::containerInstanceArn).containsOnly(other);

    fixture.ecs.updateContainerInstancesState(r -> r.cluster(cluster).containerInstances(draining)
        .status(ContainerInstanceStatus.ACTIVE));
    assertThat(fixture.ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns())
        .containsExactlyInAnyOrder(draining, other);
    assertThatThrownBy(() -> fixture.ecs.updateContainerInstancesState(r -> r.cluster(cluster)
        .containerInstances(draining).status(ContainerInstanceStatus.REGISTERING)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void putsListsAndDeletesCustomAttributes() {
    String cluster = fixture.newCluster();
    String first = fixture.registerInstance(cluster, 1024, 1024);
    String second = fixture.registerInstance(cluster, 1024, 1024);

    var put = fixture.ecs.putAttributes(r -> r.cluster(cluster).attributes(
        Attribute.builder().name("stack").value("prod").targetId(first).build(),
        Attribute.builder().name("stack").value("dev").targetId(second).build(),
        Attribute.builder().name("gpu").targetId(second).build()));

    assertThat(put.attributes()).extracting(Attribute::targetId).containsExactly(first, second, second);
    ContainerInstance described = fixture.ecs.describeContainerInstances(r -> r.cluster(cluster)
        .containerInstances(first)).containerInstances().get(0);
    assertThat(described.attributes()).contains(Attribute.builder().name("stack").value("prod").build());
    assertThat(fixture.ecs.listAttributes(r -> r.cluster(cluster).targetType(TargetType.CONTAINER_INSTANCE)
        .attributeName("stack").attributeValue("dev")).attributes())
        .containsExactly(Attribute.builder().name("stack").value("dev").targetType(TargetType.CONTAINER_INSTANCE)
            .targetId(second).build());

    fixture.ecs.deleteAttributes(r -> r.cluster(cluster).attributes(
        Attribute.builder().name("stack").targetId(second).build()));
    assertThat(fixture.ecs.listAttributes(r -> r.cluster(cluster).targetType(TargetType.CONTAINER_INSTANCE)
        .attributeName("stack")).attributes()).extracting(Attribute::targetId).containsExactly(first);
  }

  @Test
  void refusesAttributesForUnknownInstancesAndPastTheLimit() {
    String cluster = fixture.newCluster();
    String instance = fixture.registerInstance(cluster, 1024, 1024);

    assertThatThrownBy(() -> fixture.ecs.putAttributes(r -> r.cluster(cluster).attributes(
        Attribute.builder().name("stack").value("prod").targetId("ffffffffffffffffffffffffffffffff").build())))
        .isInstanceOf(TargetNotFoundException.class);
    Attribute[] eleven = new Attribute[11];
    for (int i = 0; i < eleven.length; i++) {
      eleven[i] = Attribute.builder().name("a" + i).value("v").targetId(instance).build();
    }
    assertThatThrownBy(() -> fixture.ecs.putAttributes(r -> r.cluster(cluster).attributes(eleven)))
        .isInstanceOf(AttributeLimitExceededException.class);
  }

  @Test
  void filtersInstancesWithTheClusterQueryLanguage() {
    String cluster = fixture.newCluster();
    FakeAgent a = FakeAgent.start(fixture, cluster, 1024, 1024, Map.of("zone", "a", "stack", "prod"));
    FakeAgent b = FakeAgent.start(fixture, cluster, 1024, 1024, Map.of("zone", "b"));
    FakeAgent c = FakeAgent.start(fixture, cluster, 1024, 1024, Map.of("zone", "c", "stack", "dev"));
    try (a; b; c) {
      String ec2Id = fixture.ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(b.instance))
          .containerInstances().get(0).ec2InstanceId();
      String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
      fixture.ecs.startTask(r -> r.cluster(cluster).taskDefinition(definition).containerInstances(c.instance));
      await(() -> !c.running().isEmpty());

      assertThat(filter(cluster, "attribute:stack == prod")).containsExactly(a.instance);
      assertThat(filter(cluster, "attribute:stack exists")).containsExactly(a.instance, c.instance);
      assertThat(filter(cluster, "attribute:zone in [a, b] and not(attribute:stack == prod)")).containsExactly(b.instance);
      assertThat(filter(cluster, "ec2InstanceId == " + ec2Id)).containsExactly(b.instance);
      assertThat(filter(cluster, "runningTasksCount > 0")).containsExactly(c.instance);
      assertThat(filter(cluster, "attribute:zone != a")).containsExactly(b.instance, c.instance);
      assertThatThrownBy(() -> filter(cluster, "attribute:zone = a"))
          .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Invalid filter expression");
    }
  }

  private static java.util.List<String> filter(String cluster, String expression) {
    return fixture.ecs.listContainerInstances(r -> r.cluster(cluster).filter(expression)).containerInstanceArns();
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition) {
    org.awaitility.Awaitility.await().atMost(AcsTestClient.TIMEOUT).until(condition);
  }
}
