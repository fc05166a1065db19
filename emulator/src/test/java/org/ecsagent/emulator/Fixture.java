package org.ecsagent.emulator;

import java.time.Duration;
import org.awaitility.Awaitility;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Resource;

/**
 * One emulator on an ephemeral port and a stock SDK v2 client for it. Tests share a fixture per
 * class and keep apart by using a fresh cluster each.
 */
final class Fixture implements AutoCloseable {
  final Emulator emulator;
  final EcsClient ecs;
  private final List<FakeAgent> agents = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Fixture(Emulator emulator) {
    this.emulator = emulator;
    this.ecs = newClient(o -> { });
  }

  /** Another SDK client for the emulator, e.g. one that does not retry. */
  EcsClient newClient(Consumer<ClientOverrideConfiguration.Builder> configuration) {
    return EcsClient.builder()
        .endpointOverride(emulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(configuration)
        .build();
  }

  static Fixture start() {
    return new Fixture(Emulator.start(EmulatorOptions.defaults().withPort(0)));
  }

  static Fixture start(Duration heartbeat) {
    return new Fixture(Emulator.start(EmulatorOptions.defaults().withPort(0).withHeartbeatInterval(heartbeat)));
  }

  /** An emulator on the test clock, ticking often so clock advances take effect at once. */
  static Fixture start(TestClock clock) {
    return new Fixture(Emulator.start(EmulatorOptions.defaults().withPort(0).withClock(clock)
        .withTickInterval(Duration.ofMillis(10))));
  }

  /** Connects a test agent for the instance and waits until the emulator sees it connected. */
  AcsTestClient connectAgent(String cluster, String instance) {
    AcsTestClient agent = AcsTestClient.connect(emulator.endpoint(), cluster, instance);
    Awaitility.await().atMost(AcsTestClient.TIMEOUT).until(() -> ecs.describeContainerInstances(
        r -> r.cluster(cluster).containerInstances(instance)).containerInstances().get(0).agentConnected());
    return agent;
  }

  /** A new cluster of its own for one test; returns its ARN. */
  String newCluster() {
    String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    return ecs.createCluster(r -> r.clusterName(name)).cluster().clusterArn();
  }

  /** Registers an instance and connects a fake agent for it (closed with the fixture); returns the instance ARN. */
  String registerAgent(String cluster, int cpu, int memoryMiB) {
    FakeAgent agent = FakeAgent.start(this, cluster, cpu, memoryMiB, java.util.Map.of(),
        family -> FakeAgent.Behaviour.HANG);
    agents.add(agent);
    return agent.instance;
  }

  /** Registers an instance offering the CPU and memory, with port 22 reserved, as an agent would. */
  String registerInstance(String cluster, int cpu, int memoryMiB) {
    return ecs.registerContainerInstance(r -> r.cluster(cluster).totalResources(resources(cpu, memoryMiB))
            .versionInfo(v -> v.agentVersion("1.0.0").agentHash("abc").dockerVersion("DockerVersion: 27.0.0"))
            .attributes(a -> a.name("ecs.cpu-architecture").value("x86_64")))
        .containerInstance().containerInstanceArn();
  }

  static List<Resource> resources(int cpu, int memoryMiB) {
    return List.of(
        Resource.builder().name("CPU").type("INTEGER").integerValue(cpu).build(),
        Resource.builder().name("MEMORY").type("INTEGER").integerValue(memoryMiB).build(),
        Resource.builder().name("PORTS").type("STRINGSET").stringSetValue("22", "2375", "51678").build(),
        Resource.builder().name("PORTS_UDP").type("STRINGSET").stringSetValue().build());
  }

  /** Registers the definition under a fresh family; returns its ARN. */
  String registerTaskDefinition(ContainerDefinition... containers) {
    String family = "family-" + UUID.randomUUID().toString().substring(0, 8);
    return ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(containers))
        .taskDefinition().taskDefinitionArn();
  }

  static boolean hasEvents(software.amazon.awssdk.services.ecs.model.Service service) {
    return !service.events().isEmpty();
  }

  static ContainerDefinition container(String name, int memory) {
    return ContainerDefinition.builder().name(name).image("busybox:1").memory(memory).cpu(128).build();
  }

  @Override
  public void close() {
    agents.forEach(FakeAgent::close);
    ecs.close();
    emulator.close();
  }
}
