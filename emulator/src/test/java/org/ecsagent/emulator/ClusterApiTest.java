package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;

class ClusterApiTest {
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
  void hasTheDefaultClusterFromTheStart() {
    Cluster cluster = fixture.ecs.describeClusters(r -> { }).clusters().get(0);
    assertThat(cluster.clusterName()).isEqualTo("default");
    assertThat(cluster.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/default");
    assertThat(cluster.status()).isEqualTo("ACTIVE");
  }

  @Test
  void createsListsAndDescribesClusters() {
    Cluster created = fixture.ecs.createCluster(r -> r.clusterName("blue")).cluster();
    assertThat(created.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/blue");
    assertThat(fixture.ecs.createCluster(r -> r.clusterName("blue")).cluster()).isEqualTo(created);

    assertThat(fixture.ecs.listClusters().clusterArns()).contains(created.clusterArn(),
        "arn:aws:ecs:us-east-1:123456789012:cluster/default");

    var described = fixture.ecs.describeClusters(r -> r.clusters("blue", "arn:aws:ecs:us-east-1:123456789012:cluster/blue",
        "nope"));
    assertThat(described.clusters()).extracting(Cluster::clusterName).containsExactly("blue", "blue");
    assertThat(described.failures()).singleElement().satisfies(f -> {
      assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/nope");
      assertThat(f.reason()).isEqualTo("MISSING");
    });
  }

  @Test
  void countsInstancesAndTasks() {
    String cluster = fixture.newCluster();
    fixture.registerAgent(cluster, 1024, 1024);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
    fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition).count(2));

    Cluster described = fixture.ecs.describeClusters(r -> r.clusters(cluster)).clusters().get(0);
    assertThat(described.registeredContainerInstancesCount()).isEqualTo(1);
    assertThat(described.pendingTasksCount()).isEqualTo(2);
    assertThat(described.runningTasksCount()).isZero();
  }

  @Test
  void pagesThroughClusters() {
    for (int i = 0; i < 3; i++) {
      fixture.newCluster();
    }
    var first = fixture.ecs.listClusters(r -> r.maxResults(2));
    assertThat(first.clusterArns()).hasSize(2);
    var second = fixture.ecs.listClusters(r -> r.maxResults(2).nextToken(first.nextToken()));
    assertThat(second.clusterArns()).hasSizeGreaterThan(0).doesNotContainAnyElementsOf(first.clusterArns());
  }

  @Test
  void answersClusterNotFoundForUnknownClusters() {
    assertThatThrownBy(() -> fixture.ecs.listTasks(r -> r.cluster("no-such-cluster")))
        .isInstanceOf(ClusterNotFoundException.class)
        .hasMessageContaining("Cluster not found.");
  }

  @Test
  void refusesInvalidClusterNames() {
    assertThatThrownBy(() -> fixture.ecs.createCluster(r -> r.clusterName("bad name!")))
        .isInstanceOf(InvalidParameterException.class);
  }
}
