package org.ecsagent.e2e;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ecsagent.agent.Agent;
import org.ecsagent.agent.config.AgentConfig;
import org.ecsagent.agent.config.ImagePullBehavior;
import org.ecsagent.emulator.Emulator;
import org.ecsagent.emulator.EmulatorOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * One emulator, one agent on the local dockerd, and an SDK client: what a user gets from the
 * local-cluster command, in-process so tests can drive and inspect it. Each fixture uses its own
 * cluster name so containers of different tests never mix.
 */
final class LocalCluster implements AutoCloseable {
  static final String TEST_IMAGE = "local/busybox:1";
  static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALTEST", "local-test-secret"));

  final Emulator emulator;
  Agent agent;
  final EcsClient ecs;
  final DockerClient docker;
  final String cluster;

  private LocalCluster(Emulator emulator, Agent agent, EcsClient ecs, DockerClient docker, String cluster) {
    this.emulator = emulator;
    this.agent = agent;
    this.ecs = ecs;
    this.docker = docker;
    this.cluster = cluster;
  }

  static LocalCluster start(Path dataDir) throws InterruptedException {
    return start(dataDir, b -> b);
  }

  static LocalCluster start(Path dataDir, java.util.function.UnaryOperator<AgentConfig.Builder> tweak)
      throws InterruptedException {
    return start(dataDir, tweak, EmulatorOptions.defaults(), Agent.Options.defaults());
  }

  static LocalCluster start(Path dataDir, java.util.function.UnaryOperator<AgentConfig.Builder> tweak,
      EmulatorOptions emulatorOptions, Agent.Options agentOptions) throws InterruptedException {
    Emulator emulator = Emulator.start(emulatorOptions.withPort(0));
    String cluster = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    EcsClient ecs = EcsClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
    ecs.createCluster(r -> r.clusterName(cluster));
    AgentConfig config = tweak.apply(AgentConfig.defaults().toBuilder()
        .cluster(cluster)
        .backendHost(java.util.Optional.of(emulator.endpoint()))
        .region(java.util.Optional.of("us-east-1"))
        .dataDir(dataDir)
        .imagePullBehavior(ImagePullBehavior.PREFER_CACHED)
        .containerStopTimeout(Duration.ofSeconds(2))
        .introspectionPort(0)
        .endpointPort(0)
        .metricsPort(0)).build();
    Agent agent = Agent.start(config, CREDENTIALS, Clock.systemUTC(), agentOptions);
    await().atMost(Duration.ofSeconds(20)).until(agent::acsConnected);
    return new LocalCluster(emulator, agent, ecs, dockerClient(), cluster);
  }

  static DockerClient dockerClient() {
    var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost("unix:///var/run/docker.sock").withApiVersion("1.41").build();
    return DockerClientImpl.getInstance(config,
        new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
  }

  /** After a test restarted the agent on the same data directory. */
  void replaceAgent(Agent restarted) {
    this.agent = restarted;
  }

  /** Registers a one-container task definition and returns its family:revision. */
  String registerTaskDefinition(String family, ContainerDefinition... containers) {
    return ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(containers))
        .taskDefinition().taskDefinitionArn();
  }

  static ContainerDefinition container(String name, String image, List<String> command) {
    return ContainerDefinition.builder().name(name).image(image).command(command).memory(64).essential(true).build();
  }

  String runTask(String taskDefinition) {
    var response = ecs.runTask(r -> r.cluster(cluster).taskDefinition(taskDefinition));
    if (!response.failures().isEmpty()) {
      throw new AssertionError("RunTask failed: " + response.failures());
    }
    return response.tasks().get(0).taskArn();
  }

  Task describe(String taskArn) {
    return ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
  }

  Task awaitStatus(String taskArn, String lastStatus, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(100))
        .until(() -> describe(taskArn).lastStatus(), lastStatus::equals);
    return describe(taskArn);
  }

  InspectContainerResponse inspect(String containerId) {
    return docker.inspectContainerCmd(containerId).exec();
  }

  /** Containers this cluster's agent created, by the original agent's cluster label. */
  List<com.github.dockerjava.api.model.Container> containers() {
    return docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of("com.amazonaws.ecs.cluster", cluster)).exec();
  }

  URI endpoint() {
    return emulator.endpoint();
  }

  @Override
  public void close() throws Exception {
    agent.close();
    for (var c : containers()) {
      docker.removeContainerCmd(c.getId()).withForce(true).exec();
    }
    ecs.close();
    emulator.close();
    docker.close();
  }
}
