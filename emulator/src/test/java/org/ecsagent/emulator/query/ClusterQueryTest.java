package org.ecsagent.emulator.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterQueryTest {
  private final Subjects web = subjects(Map.of(
      "attribute:ecs.availability-zone", List.of("us-east-1a"),
      "attribute:ecs.instance-type", List.of("t2.small"),
      "attribute:stack", List.of("prod"),
      "attribute:com.amazonaws.ecs.capability.privileged-container", List.of(""),
      "ec2InstanceId", List.of("i-0abc"),
      "runningTasksCount", List.of("3"),
      "registeredAt", List.of("2024-05-01T10:00:00Z"),
      "task:group", List.of("service:web", "family:batch")));

  @Test
  void comparesAttributesAndIds() {
    assertThat(matches("attribute:stack == prod")).isTrue();
    assertThat(matches("attribute:stack equals 'prod'")).isTrue();
    assertThat(matches("attribute:stack != prod")).isFalse();
    assertThat(matches("attribute:missing != prod")).isTrue();
    assertThat(matches("ec2InstanceId in ['i-0abc', 'i-0def']")).isTrue();
    assertThat(matches("ec2InstanceId not_in [i-0abc]")).isFalse();
    assertThat(matches("ec2InstanceId !in (i-1, i-2)")).isTrue();
    assertThat(matches("attribute:ecs.instance-type =~ t2.*")).isTrue();
    assertThat(matches("attribute:ecs.instance-type !~ m5.*")).isTrue();
  }

  @Test
  void testsExistence() {
    assertThat(matches("attribute:com.amazonaws.ecs.capability.privileged-container exists")).isTrue();
    assertThat(matches("attribute:gpu exists")).isFalse();
    assertThat(matches("attribute:gpu !exists")).isTrue();
    assertThat(matches("attribute:stack not_exists")).isFalse();
  }

  @Test
  void comparesNumbersAndDates() {
    assertThat(matches("runningTasksCount > 2")).isTrue();
    assertThat(matches("runningTasksCount <= 2")).isFalse();
    assertThat(matches("runningTasksCount greater_than_equal 3")).isTrue();
    assertThat(matches("registeredAt < 2024-06-01")).isTrue();
    assertThat(matches("registeredAt > 2024-05-01T11:00:00Z")).isFalse();
  }

  @Test
  void combinesWithAndOrNotAndParentheses() {
    assertThat(matches("attribute:stack == prod and runningTasksCount < 5")).isTrue();
    assertThat(matches("attribute:stack == dev || ec2InstanceId == i-0abc")).isTrue();
    assertThat(matches("not(attribute:stack == prod)")).isFalse();
    assertThat(matches("!(attribute:stack == dev) && (attribute:ecs.availability-zone in [us-east-1a, us-east-1b])"))
        .isTrue();
    assertThat(matches("attribute:stack == dev or attribute:stack == qa and ec2InstanceId == i-0abc")).isFalse();
  }

  @Test
  void asksAboutTaskGroups() {
    assertThat(matches("task:group == service:web")).isTrue();
    assertThat(matches("task:group != service:web")).isFalse();
    assertThat(matches("not(task:group == service:db)")).isTrue();
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> ClusterQuery.parse("colour == blue")).hasMessageContaining("unknown subject");
    assertThatThrownBy(() -> ClusterQuery.parse("attribute:stack ==")).hasMessageContaining("expected a value");
    assertThatThrownBy(() -> ClusterQuery.parse("attribute:stack in prod")).hasMessageContaining("list");
    assertThatThrownBy(() -> ClusterQuery.parse("(attribute:stack exists")).hasMessageContaining("')'");
    assertThatThrownBy(() -> ClusterQuery.parse("attribute:stack == 'prod")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> ClusterQuery.parse("attribute:stack exists extra")).hasMessageContaining("unexpected");
  }

  private boolean matches(String query) {
    return ClusterQuery.parse(query).matches(web);
  }

  private static Subjects subjects(Map<String, List<String>> values) {
    return subject -> values.getOrDefault(subject, List.of());
  }
}
