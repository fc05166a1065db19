package org.ecsagent.e2e;

import static org.awaitility.Awaitility.await;
import static org.ecsagent.e2e.LocalCluster.TEST_IMAGE;
import static org.ecsagent.e2e.LocalCluster.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ecsagent.agent.Agent;
import org.ecsagent.agent.acs.AcsSession;
import org.ecsagent.emulator.EmulatorOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACS connection hygiene: periodic reconnects and heartbeat-silence detection, with shortened timings. */
class AcsSessionE2ETest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  Path dataDir;

  private static long connects(LocalCluster cluster) {
    return cluster.agent.metrics().counter("acs.connects").getCount();
  }

  @Test
  void connectionIsReopenedWhenItReachesItsLifetime() throws Exception {
    var timing = new AcsSession.Timing(Duration.ofMinutes(1), Duration.ofMillis(500), Duration.ofSeconds(1));
    try (LocalCluster cluster = LocalCluster.start(dataDir, b -> b, EmulatorOptions.defaults(),
        Agent.Options.defaults().withAcsTiming(timing))) {
      await().atMost(TIMEOUT).until(() -> connects(cluster) >= 3);

      String def = cluster.registerTaskDefinition("lifetime", container("app", TEST_IMAGE, List.of("sleep", "300")));
      cluster.awaitStatus(cluster.runTask(def), "RUNNING", TIMEOUT);
    }
  }

  @Test
  void silentControlPlaneIsDetectedAndTheSessionReconnects() throws Exception {
    var timing = new AcsSession.Timing(Duration.ofMillis(300), Duration.ofMinutes(15), Duration.ofMinutes(45));
    try (LocalCluster cluster = LocalCluster.start(dataDir, b -> b,
        EmulatorOptions.defaults().withHeartbeatInterval(Duration.ofHours(1)),
        Agent.Options.defaults().withAcsTiming(timing))) {
      // No heartbeat ever arrives: each connection is given up after at most 2 × 300 ms of silence.
      await().atMost(TIMEOUT).until(() -> connects(cluster) >= 3);
    }
  }
}
