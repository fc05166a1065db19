package org.ecsagent.systemd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ecs-agent-ready} against a stand-in for the agent's introspection API. */
class ReadinessProbeTest {
  private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:container-instance/probe/0123456789abcdef";

  @TempDir Path tmp;
  private HttpServer introspection;
  private Process probe;
  private Process fakeAgent;

  @AfterEach
  void stopEverything() throws InterruptedException {
    if (introspection != null) {
      introspection.stop(0);
    }
    for (Process p : new Process[] {probe, fakeAgent}) {
      if (p != null) {
        p.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void waitsUntilTheAgentReportsItsContainerInstanceArn() throws IOException {
    int port = freePort();
    probe = startProbe(port, ProcessHandle.current().pid());

    await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(probe::isAlive);

    AtomicReference<String> arn = new AtomicReference<>("null");
    introspection = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    introspection.createContext("/v1/metadata", exchange -> {
      byte[] body = ("{\"Cluster\":\"probe\",\"ContainerInstanceArn\":" + arn.get() + ",\"Version\":\"test\"}").getBytes(UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    introspection.start();
    await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(probe::isAlive);

    arn.set("\"" + ARN + "\"");
    await().atMost(Duration.ofSeconds(10)).until(() -> !probe.isAlive());
    assertThat(probe.exitValue()).as(output()).isZero();
    assertThat(Files.readString(tmp.resolve("probe.out"))).contains("registered as " + ARN);
  }

  @Test
  void failsAsSoonAsTheAgentExits() throws Exception {
    fakeAgent = new ProcessBuilder("sleep", "600").start();
    probe = startProbe(freePort(), fakeAgent.pid());
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(probe::isAlive);

    fakeAgent.destroy();
    fakeAgent.waitFor(10, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(10)).until(() -> !probe.isAlive());
    assertThat(probe.exitValue()).isEqualTo(1);
    assertThat(Files.readString(tmp.resolve("probe.err"))).contains("exited before it registered");
  }

  @Test
  void doesNotWaitWhenTheIntrospectionApiIsDisabled() throws Exception {
    probe = startProbe(0, ProcessHandle.current().pid());

    assertThat(probe.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(probe.exitValue()).isZero();
    assertThat(Files.readString(tmp.resolve("probe.err"))).contains("not waiting for registration");
  }

  private Process startProbe(int port, long mainPid) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("bash", SystemdSources.readinessProbe().toString())
        .redirectOutput(tmp.resolve("probe.out").toFile())
        .redirectError(tmp.resolve("probe.err").toFile());
    pb.environment().putAll(Map.of(
        "ECS_AGENT_INTROSPECTION_PORT", Integer.toString(port),
        "ECS_READY_POLL_SECONDS", "0.1",
        "MAINPID", Long.toString(mainPid)));
    return pb.start();
  }

  private String output() throws IOException {
    return "stdout:\n" + Files.readString(tmp.resolve("probe.out")) + "stderr:\n" + Files.readString(tmp.resolve("probe.err"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
