package org.ecsagent.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecsagent.packaging.BuiltPackages.INSTALL_DIR;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ecsagent.emulator.Emulator;
import org.ecsagent.emulator.EmulatorOptions;
import org.ecsagent.systemd.HostCommand;
import org.ecsagent.systemd.HostRequirements;
import org.ecsagent.systemd.UnitFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/**
 * The .deb's life on this host, in order: {@code dpkg -i}, what it installed, the agent run the
 * way ecs.service runs it, {@code dpkg -r}, {@code dpkg -P}. The host has no running systemd
 * (CI containers), so the unit's commands are run by the test, read from the installed unit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebInstallIT {
  private static final String AGENT_KEY_ID = "AKIDPACKAGINGTEST";

  @TempDir static Path tmp;

  @BeforeAll
  static void install() {
    HostInstallation.requireCleanHost("systemd-analyze");
    HostCommand.of("dpkg", "-i", BuiltPackages.deb().toString()).succeeds();
  }

  @AfterAll
  static void purgeWhateverIsLeft() {
    if (HostRequirements.isRoot()) {
      HostInstallation.purge();
    }
  }

  @Test
  @Order(1)
  void installsTheAgentItsRuntimeTheUnitAndTheConfiguration() throws IOException {
    assertThat(HostInstallation.status()).isEqualTo("install ok installed");
    assertThat(Files.mismatch(Path.of(INSTALL_DIR, "ecs-agent.jar"), BuiltPackages.AGENT_JAR)).isEqualTo(-1L);
    assertThat(Path.of(INSTALL_DIR, "runtime/bin/java")).isExecutable();
    assertThat(Path.of(INSTALL_DIR, "ecs-agent-host")).isExecutable();
    assertThat(Path.of(INSTALL_DIR, "ecs-agent-ready")).isExecutable();
    assertThat(HostInstallation.UNIT).hasSameTextualContentAs(BuiltPackages.MODULE_DIR.resolve("../systemd/src/main/unit/ecs.service"));
    assertThat(HostInstallation.CONFIG).hasSameTextualContentAs(BuiltPackages.MODULE_DIR.resolve("src/etc/ecs.config"));
    String conffiles = HostCommand.of("dpkg-query", "-W", "-f", "${Conffiles}", BuiltPackages.NAME).succeeds().stdout();
    assertThat(conffiles).contains("/etc/ecs/ecs.config");
    assertThat(Files.getPosixFilePermissions(HostInstallation.STATE_DIR.resolve("data")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(HostInstallation.LOG_DIR).isDirectory();
    assertThat(Files.readSymbolicLink(HostInstallation.ENABLED_LINK)).isEqualTo(HostInstallation.UNIT);
    String version = HostCommand.of(INSTALL_DIR + "/runtime/bin/java", "-version").succeeds().stderr();
    assertThat(version).contains("Runtime Environment");
  }

  @Test
  @Order(2)
  void installedUnitPassesSystemdAnalyzeVerify() {
    HostCommand.Result verify = HostCommand.of("systemd-analyze", "verify", HostInstallation.UNIT.toString()).run();
    assertThat(verify.exitCode()).as(verify.describe()).isZero();
    assertThat(verify.stderr()).as("warnings").isEmpty();
  }

  @Test
  @Order(3)
  void installedAgentRegistersWhenRunTheWayTheUnitRunsIt() throws Exception {
    HostRequirements.require(Files.exists(Path.of("/var/run/docker.sock")), "the agent needs a running dockerd (bin/setup-host)");
    String packagedConfig = Files.readString(HostInstallation.CONFIG);
    String cluster = "packaging-" + UUID.randomUUID().toString().substring(0, 8);
    Path log = tmp.resolve("agent.log");
    Process agent = null;
    try (Emulator emulator = Emulator.start(EmulatorOptions.defaults().withPort(0));
         EcsClient ecs = ecsClient(emulator)) {
      ecs.createCluster(r -> r.clusterName(cluster));
      int introspectionPort = freePort();
      // The operator's settings go where operators put them; the agent and the unit both read them.
      Files.writeString(HostInstallation.CONFIG, packagedConfig + String.join("\n",
          "ECS_CLUSTER=" + cluster,
          "ECS_BACKEND_HOST=" + emulator.endpoint(),
          "AWS_REGION=us-east-1",
          "AWS_ACCESS_KEY_ID=" + AGENT_KEY_ID,
          "AWS_SECRET_ACCESS_KEY=packaging-test-secret",
          "ECS_DATADIR=" + tmp.resolve("data"),
          "ECS_AGENT_INTROSPECTION_PORT=" + introspectionPort,
          "ECS_AGENT_ENDPOINT_PORT=" + freePort(),
          "ECS_AGENT_METRICS_PORT=" + freePort()) + "\n");

      UnitFile unit = UnitFile.read(HostInstallation.UNIT);
      Map<String, String> env = serviceEnvironment(unit);
      ProcessBuilder start = new ProcessBuilder(command(unit, "ExecStart")).redirectErrorStream(true).redirectOutput(log.toFile());
      start.environment().clear();
      start.environment().putAll(env);
      agent = start.start();

      Map<String, String> postEnv = new HashMap<>(env);
      postEnv.put("MAINPID", Long.toString(agent.pid()));
      HostCommand.Result ready = HostCommand.of(command(unit, "ExecStartPost").toArray(String[]::new))
          .withEnvironment(postEnv).withTimeout(Duration.ofMinutes(3)).run();
      assertThat(ready.exitCode()).as(ready.describe() + "\nagent log:\n" + Files.readString(log)).isZero();
      String arn = ready.stdout().replaceAll("(?s).*registered as (\\S+).*", "$1");

      List<String> registered = ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns();
      assertThat(registered).containsExactly(arn);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        ContainerInstance instance = ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arn))
            .containerInstances().get(0);
        assertThat(instance.agentConnected()).as("ACS session up (SigV4-signed websocket)").isTrue();
      });
      String metadata = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + introspectionPort + "/v1/metadata")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metadata).contains(arn).contains(cluster);

      agent.destroy(); // SIGTERM, as `systemctl stop` sends
      assertThat(agent.waitFor(45, TimeUnit.SECONDS)).as("stops within TimeoutStopSec").isTrue();
      assertThat(agent.exitValue()).as("an exit ecs.service counts as success").isIn(0, 143);
    } finally {
      if (agent != null && agent.isAlive()) {
        agent.destroyForcibly().waitFor();
      }
      Files.writeString(HostInstallation.CONFIG, packagedConfig);
    }
  }

  @Test
  @Order(4)
  void removeKeepsTheConfigurationTheStateAndTheLogs() throws IOException {
    Files.writeString(HostInstallation.CONFIG, "ECS_CLUSTER=kept\n", java.nio.file.StandardOpenOption.APPEND);
    Path state = Files.writeString(HostInstallation.STATE_DIR.resolve("data/state.db"), "state");
    Path agentLog = Files.writeString(HostInstallation.LOG_DIR.resolve("ecs-agent.log"), "log");

    HostCommand.of("dpkg", "-r", BuiltPackages.NAME).succeeds();

    assertThat(HostInstallation.status()).isEqualTo("deinstall ok config-files");
    assertThat(Path.of(INSTALL_DIR)).doesNotExist();
    assertThat(HostInstallation.UNIT).doesNotExist();
    assertThat(HostInstallation.CONFIG).content().endsWith("ECS_CLUSTER=kept\n");
    assertThat(state).exists();
    assertThat(agentLog).exists();
    assertThat(Files.readSymbolicLink(HostInstallation.MASK_LINK)).as("masked until reinstalled").isEqualTo(Path.of("/dev/null"));
  }

  @Test
  @Order(5)
  void purgeRemovesTheConfigurationTheStateTheLogsAndTheServiceLinks() {
    HostCommand.of("dpkg", "-P", BuiltPackages.NAME).succeeds();

    assertThat(HostInstallation.status()).isEmpty();
    for (Path gone : List.of(Path.of("/etc/ecs"), HostInstallation.STATE_DIR, HostInstallation.LOG_DIR,
        HostInstallation.MASK_LINK, HostInstallation.ENABLED_LINK)) {
      assertThat(Files.exists(gone, LinkOption.NOFOLLOW_LINKS)).as(gone + " after purge").isFalse();
    }
  }

  /** What systemd gives the service: its default PATH, Environment=, then each EnvironmentFile=. */
  private static Map<String, String> serviceEnvironment(UnitFile unit) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.putAll(unit.environment());
    for (String file : unit.values("Service", "EnvironmentFile")) {
      Path path = Path.of(file.replaceFirst("^-", ""));
      if (Files.exists(path) || !file.startsWith("-")) {
        env.putAll(UnitFile.readEnvironmentFile(path));
      }
    }
    return env;
  }

  /** A command line of the unit, which uses no quoting, variables or specifiers (checked here). */
  private static List<String> command(UnitFile unit, String key) {
    String line = unit.value("Service", key).orElseThrow(() -> new AssertionError("no " + key + " in the unit"));
    assertThat(line).as(key).doesNotContain("$", "%", "\"", "'").doesNotStartWith("+").doesNotStartWith("-");
    return new ArrayList<>(List.of(line.split("\\s+")));
  }

  private static EcsClient ecsClient(Emulator emulator) {
    return EcsClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
