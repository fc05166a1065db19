package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecsagent.e2e.LocalCluster.container;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ecsagent.agent.config.EngineAuth;
import org.ecsagent.agent.config.ImagePullBehavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from a local registry behind htpasswd (Debian's docker-registry): Docker alone is refused,
 * the agent with ECS_ENGINE_AUTH_DATA credentials pulls and runs the task.
 */
class PrivateRegistryE2ETest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path work;
  static Process registry;
  static String registryHost;
  static String image;

  @BeforeAll
  static void startRegistry() throws Exception {
    boolean tools = Files.isExecutable(Path.of("/usr/bin/docker-registry")) && Files.isExecutable(Path.of("/usr/bin/htpasswd"));
    if ("true".equals(System.getenv("CI"))) {
      assertThat(tools).as("CI installs docker-registry and apache2-utils (bin/setup-host)").isTrue();
    }
    Assumptions.assumeTrue(tools, "needs docker-registry and htpasswd");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    registryHost = "127.0.0.1:" + port;
    Path htpasswd = work.resolve("htpasswd");
    run(List.of("sh", "-c", "htpasswd -Bbn pulluser 'pull-pass-42' > " + htpasswd));
    Path config = work.resolve("config.yml");
    Files.writeString(config, """
        version: 0.1
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: %s
        auth:
          htpasswd:
            realm: e2e
            path: %s
        """.formatted(work.resolve("data"), registryHost, htpasswd));
    registry = new ProcessBuilder("docker-registry", "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("registry.log").toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(TIMEOUT).ignoreExceptions().until(() -> http.send(
        HttpRequest.newBuilder(URI.create("http://" + registryHost + "/v2/")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode() == 401);

    image = registryHost + "/private/busybox:1";
    Path dockerConfig = work.resolve("docker-config"); // keeps the login out of the host's ~/.docker
    run(List.of("docker", "--config", dockerConfig.toString(), "login", registryHost, "-u", "pulluser", "-p",
        "pull-pass-42"));
    run(List.of("docker", "tag", LocalCluster.TEST_IMAGE, image));
    run(List.of("docker", "--config", dockerConfig.toString(), "push", image));
    run(List.of("docker", "rmi", image));
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.destroy();
      registry.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("commands.log").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s failed; see %s", command.get(0) + " " + command.get(1),
        work.resolve("commands.log")).isZero();
    return p.exitValue();
  }

  @Test
  void unauthenticatedPullIsRefusedButTheAgentPullsWithItsCredentials() throws Exception {
    Process anonymous = new ProcessBuilder("docker", "--config", work.resolve("empty-config").toString(), "pull", image)
        .redirectErrorStream(true).start();
    anonymous.waitFor(60, TimeUnit.SECONDS);
    assertThat(anonymous.exitValue()).as("the registry must require credentials").isNotZero();

    EngineAuth auth = new EngineAuth("docker",
        Map.of(registryHost, new EngineAuth.RegistryCredentials("pulluser", "pull-pass-42")));
    try (LocalCluster cluster = LocalCluster.start(work.resolve("agent"),
        b -> b.engineAuth(auth).imagePullBehavior(ImagePullBehavior.ALWAYS))) {
      String def = cluster.registerTaskDefinition("private", container("app", image, List.of("sleep", "300")));
      String taskArn = cluster.runTask(def);
      cluster.awaitStatus(taskArn, "RUNNING", TIMEOUT);
    } finally {
      new ProcessBuilder("docker", "rmi", "-f", image).start().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
