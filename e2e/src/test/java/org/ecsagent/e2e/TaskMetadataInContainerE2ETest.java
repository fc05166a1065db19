package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecsagent.e2e.LocalCluster.TEST_IMAGE;
import static org.ecsagent.e2e.LocalCluster.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task metadata endpoint as a container sees it: at 169.254.170.2:80, through the DNAT rule a
 * production host has (docs/test-images.md), to the agent's 127.0.0.1:&lt;endpoint port&gt;. The
 * test inserts the rule and turns on {@code route_localnet}, and puts both back as they were.
 * Needs root (iptables); skipped otherwise.
 */
class TaskMetadataInContainerE2ETest {
  private static final Path ROUTE_LOCALNET = Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");

  @TempDir
  static Path dataDir;
  static LocalCluster cluster;
  static int endpoint;
  static List<String> dnatRule;
  static String routeLocalnetBefore;
  static String taskArn;
  static String dockerId;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(canUseIptables(), "needs root and iptables to add the 169.254.170.2 DNAT rule");
    endpoint = freePort();
    routeLocalnetBefore = Files.readString(ROUTE_LOCALNET).strip();
    Files.writeString(ROUTE_LOCALNET, "1");
    dnatRule = List.of("PREROUTING", "-d", "169.254.170.2/32", "-p", "tcp", "--dport", "80",
        "-m", "comment", "--comment", "ecs-agent-java e2e " + endpoint,
        "-j", "DNAT", "--to-destination", "127.0.0.1:" + endpoint);
    iptables("-I", dnatRule);
    cluster = LocalCluster.start(dataDir,
        b -> b.endpointPort(endpoint).pollingMetricsWaitDuration(Duration.ofSeconds(2)));
    String def = cluster.registerTaskDefinition("from-inside", container("app", TEST_IMAGE, List.of("sleep", "300")));
    taskArn = cluster.runTask(def);
    dockerId = cluster.awaitStatus(taskArn, "RUNNING", Duration.ofSeconds(30)).containers().get(0).runtimeId();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (dnatRule != null) {
        iptables("-D", dnatRule);
      }
      if (routeLocalnetBefore != null) {
        Files.writeString(ROUTE_LOCALNET, routeLocalnetBefore);
      }
    }
  }

  @Test
  void aContainerReadsItsOwnStatsAtTheUriItWasGiven() throws Exception {
    JsonNode stats = awaitJsonFromInside("$ECS_CONTAINER_METADATA_URI_V4/stats");

    assertThat(stats.get("id").asText()).isEqualTo(dockerId);
    assertThat(stats.at("/memory_stats/usage").asLong()).isPositive();
    assertThat(stats.at("/cpu_stats/cpu_usage/total_usage").asLong()).isPositive();
  }

  @Test
  void aContainerReadsItsTasksStatsAndMetadataOverV3AndV4() throws Exception {
    awaitJsonFromInside("$ECS_CONTAINER_METADATA_URI_V4/stats");

    JsonNode taskStats = json.readTree(fromInside("$ECS_CONTAINER_METADATA_URI/task/stats"));
    JsonNode task = json.readTree(fromInside("$ECS_CONTAINER_METADATA_URI_V4/task"));

    assertThat(taskStats.get(dockerId).at("/memory_stats/usage").asLong()).isPositive();
    assertThat(task.get("TaskARN").asText()).isEqualTo(taskArn);
  }

  @Test
  void v2FindsTheCallersTaskByItsAddress() throws Exception {
    awaitJsonFromInside("$ECS_CONTAINER_METADATA_URI_V4/stats"); // the poller has inspected the container by now

    JsonNode task = json.readTree(fromInside("http://169.254.170.2/v2/metadata"));
    JsonNode stats = json.readTree(fromInside("http://169.254.170.2/v2/stats"));

    assertThat(task.get("TaskARN").asText()).isEqualTo(taskArn);
    assertThat(stats.get(dockerId).get("id").asText()).isEqualTo(dockerId);
  }

  private JsonNode awaitJsonFromInside(String url) throws Exception {
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
        .until(() -> fromInside(url).startsWith("{"));
    return json.readTree(fromInside(url));
  }

  /** The body of {@code GET url} as the task's container sees it (busybox wget; errors give no body). */
  private static String fromInside(String url) throws Exception {
    String exec = cluster.docker.execCreateCmd(dockerId)
        .withCmd("sh", "-c", "timeout 5 wget -qO- \"" + url + "\"")
        .withAttachStdout(true).withAttachStderr(true)
        .exec().getId();
    StringBuilder out = new StringBuilder();
    cluster.docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame frame) {
        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
      }
    }).awaitCompletion(10, TimeUnit.SECONDS);
    return out.toString().strip();
  }

  private static boolean canUseIptables() {
    try {
      return new ProcessBuilder("iptables", "-t", "nat", "-S", "PREROUTING").redirectErrorStream(true)
          .start().waitFor() == 0 && Files.isWritable(ROUTE_LOCALNET);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void iptables(String action, List<String> rule) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("iptables", "-t", "nat", action));
    command.addAll(rule);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
