package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceField;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** Tags on every taggable resource, and the task definition life cycle (deregister, families). */
class TaggingTest {
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
  void tagsUntagsAndListsTagsOfEveryKindOfResource() {
    String cluster = fixture.newCluster();
    String instance = fixture.registerAgent(cluster, 1024, 1024);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
    String task = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)
        .tags(tag("owner", "runner"))).tasks().get(0).taskArn();
    String service = fixture.ecs.createService(r -> r.cluster(cluster).serviceName("tagged").taskDefinition(definition)
        .desiredCount(0).tags(tag("tier", "web"))).service().serviceArn();

    for (String arn : List.of(cluster, instance, definition, task, service)) {
      fixture.ecs.tagResource(r -> r.resourceArn(arn).tags(tag("team", "emulator"), tag("env", "test")));
      fixture.ecs.untagResource(r -> r.resourceArn(arn).tagKeys("env"));
      assertThat(fixture.ecs.listTagsForResource(r -> r.resourceArn(arn)).tags()).as(arn)
          .contains(tag("team", "emulator")).doesNotContain(tag("env", "test"));
    }
    assertThat(fixture.ecs.listTagsForResource(r -> r.resourceArn(task)).tags())
        .containsExactly(tag("owner", "runner"), tag("team", "emulator"));
    assertThat(fixture.ecs.listTagsForResource(r -> r.resourceArn(service)).tags())
        .containsExactly(tag("tier", "web"), tag("team", "emulator"));
  }

  @Test
  void describesTagsOnlyWhenAskedTo() {
    String cluster = fixture.newCluster();
    String instance = fixture.registerAgent(cluster, 1024, 1024);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
    String task = fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition)
        .tags(tag("owner", "runner"))).tasks().get(0).taskArn();
    fixture.ecs.tagResource(r -> r.resourceArn(cluster).tags(tag("team", "emulator")));
    fixture.ecs.tagResource(r -> r.resourceArn(instance).tags(tag("rack", "7")));

    assertThat(fixture.ecs.describeTasks(r -> r.cluster(cluster).tasks(task)).tasks().get(0).tags()).isEmpty();
    assertThat(fixture.ecs.describeTasks(r -> r.cluster(cluster).tasks(task).include(TaskField.TAGS)).tasks().get(0)
        .tags()).containsExactly(tag("owner", "runner"));
    assertThat(fixture.ecs.describeClusters(r -> r.clusters(cluster).include(ClusterField.TAGS)).clusters().get(0)
        .tags()).containsExactly(tag("team", "emulator"));
    assertThat(fixture.ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(instance)
        .include(ContainerInstanceField.TAGS)).containerInstances().get(0).tags()).containsExactly(tag("rack", "7"));
  }

  @Test
  void refusesUnknownResourcesAndReservedKeys() {
    String missing = "arn:aws:ecs:us-east-1:123456789012:task/nowhere/00000000000000000000000000000000";
    assertThatThrownBy(() -> fixture.ecs.tagResource(r -> r.resourceArn(missing).tags(tag("a", "b"))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> fixture.ecs.listTagsForResource(r -> r.resourceArn(missing)))
        .isInstanceOf(InvalidParameterException.class);
    String cluster = fixture.newCluster();
    assertThatThrownBy(() -> fixture.ecs.tagResource(r -> r.resourceArn(cluster).tags(tag("aws:owner", "me"))))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void deregistersRevisionsAndListsFamilies() {
    String family = "deregister-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String first = fixture.ecs.registerTaskDefinition(r -> r.family(family)
        .containerDefinitions(Fixture.container("app", 64))).taskDefinition().taskDefinitionArn();
    String second = fixture.ecs.registerTaskDefinition(r -> r.family(family)
        .containerDefinitions(Fixture.container("app", 64))).taskDefinition().taskDefinitionArn();

    var gone = fixture.ecs.deregisterTaskDefinition(r -> r.taskDefinition(family + ":2")).taskDefinition();

    assertThat(gone.statusAsString()).isEqualTo("INACTIVE");
    assertThat(gone.deregisteredAt()).isNotNull();
    assertThat(fixture.ecs.describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition().taskDefinitionArn())
        .isEqualTo(first);
    assertThat(fixture.ecs.listTaskDefinitions(r -> r.familyPrefix(family)).taskDefinitionArns()).containsExactly(first);
    assertThat(fixture.ecs.listTaskDefinitionFamilies(r -> r.familyPrefix(family)).families()).containsExactly(family);
    String cluster = fixture.newCluster();
    fixture.registerAgent(cluster, 1024, 1024);
    assertThatThrownBy(() -> fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(second)))
        .isInstanceOf(ClientException.class).hasMessageContaining("inactive");

    fixture.ecs.deregisterTaskDefinition(r -> r.taskDefinition(first));
    assertThat(fixture.ecs.listTaskDefinitionFamilies(r -> r.familyPrefix(family)).families()).isEmpty();
    assertThat(fixture.ecs.listTaskDefinitionFamilies(r -> r.familyPrefix(family)
        .status(TaskDefinitionFamilyStatus.INACTIVE)).families()).containsExactly(family);
    assertThatThrownBy(() -> fixture.ecs.deregisterTaskDefinition(r -> r.taskDefinition(family)))
        .isInstanceOf(InvalidParameterException.class);
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
