package org.ecsagent.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller against the real local dockerd: one-shot stats of a busybox container, in Docker's shape. */
class StatsPollerDockerTest {
  private static final URI DOCKER = URI.create("unix:///var/run/docker.sock");
  private static final String IMAGE = "local/busybox:1";
  private static final String TEST_LABEL = "org.ecsagent.test";

  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private DockerClient client;
  private String containerId;
  private StatsPoller poller;

  @BeforeEach
  void startContainer() {
    var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(DOCKER.toString()).withApiVersion("1.41").build();
    client = DockerClientImpl.getInstance(config,
        new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
    containerId = client.createContainerCmd(IMAGE)
        .withName("stats-test-" + UUID.randomUUID())
        .withCmd("sh", "-c", "while true; do echo busy > /dev/null; done")
        .withLabels(Map.of(TEST_LABEL, "StatsPollerDockerTest"))
        .exec().getId();
    client.startContainerCmd(containerId).exec();
    running.add(containerId);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (poller != null) {
      poller.close();
    }
    client.removeContainerCmd(containerId).withForce(true).exec();
    client.close();
  }

  @Test
  void pollsDockerStatsInDockersShapeAndStopsWhenTheContainerStops() {
    poller = StatsPoller.start(DOCKER, Duration.ofSeconds(1), () -> Set.copyOf(running));

    await().atMost(Duration.ofSeconds(10)).until(() -> poller.cache().stats(containerId).isPresent());
    ObjectNode first = poller.cache().stats(containerId).orElseThrow().docker();
    assertThat(first.fieldNames()).toIterable()
        .contains("read", "preread", "cpu_stats", "precpu_stats", "memory_stats", "blkio_stats", "networks",
            "num_procs", "pids_stats", "name", "id");
    assertThat(first.get("id").asText()).isEqualTo(containerId);
    assertThat(first.at("/cpu_stats/cpu_usage/total_usage").isIntegralNumber()).isTrue();
    assertThat(first.at("/memory_stats/usage").asLong()).isPositive();
    assertThat(poller.cache().networks(containerId)).singleElement()
        .satisfies(network -> assertThat(network.ipv4Addresses()).singleElement().asString().startsWith("172."));

    // The next sample is relative to this one: a busy loop has used CPU in between.
    await().atMost(Duration.ofSeconds(10)).until(() ->
        !poller.cache().stats(containerId).orElseThrow().docker().get("read").equals(first.get("read")));
    ObjectNode second = poller.cache().stats(containerId).orElseThrow().docker();
    assertThat(second.get("preread").asText()).isEqualTo(first.get("read").asText());
    assertThat(second.at("/cpu_stats/cpu_usage/total_usage").asLong())
        .isGreaterThan(second.at("/precpu_stats/cpu_usage/total_usage").asLong());
    assertThat(poller.cache().stats(containerId).orElseThrow().networkRate()).isNotNull();

    running.remove(containerId);
    client.stopContainerCmd(containerId).withTimeout(0).exec();

    await().atMost(Duration.ofSeconds(5)).until(() -> poller.cache().stats(containerId).isEmpty());
    assertThat(poller.failures()).isZero();
  }
}
