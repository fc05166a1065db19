package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Resource;

class ContainerInstanceApiTest {
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
  void registersAnInstanceWithItsResources() {
    String cluster = fixture.newCluster();
    ContainerInstance registered = fixture.ecs.registerContainerInstance(r -> r.cluster(cluster)
        .totalResources(Fixture.resources(2048, 3900))
        .instanceIdentityDocument("{\"instanceId\":\"i-0123456789abcdef0\",\"region\":\"us-east-1\"}")
        .versionInfo(v -> v.agentVersion("1.2.3").dockerVersion("DockerVersion: 27.0.0"))
        .attributes(a -> a.name("ecs.os-type").value("linux"))).containerInstance();

    assertThat(registered.containerInstanceArn()).matches(
        "arn:aws:ecs:us-east-1:123456789012:container-instance/" + name(cluster) + "/[0-9a-f]{32}");
    assertThat(registered.ec2InstanceId()).isEqualTo("i-0123456789abcdef0");
    assertThat(registered.status()).isEqualTo("ACTIVE");
    assertThat(registered.agentConnected()).isFalse();
    assertThat(registered.versionInfo().agentVersion()).isEqualTo("1.2.3");
    assertThat(registered.attributes()).anySatisfy(a -> assertThat(a.name()).isEqualTo("ecs.os-type"));
    assertThat(resource(registered.registeredResources(), "MEMORY").integerValue()).isEqualTo(3900);
    assertThat(resource(registered.remainingResources(), "CPU").integerValue()).isEqualTo(2048);
    assertThat(resource(registered.remainingResources(), "PORTS").stringSetValue()).contains("22", "2375");

    assertThat(fixture.ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns())
        .containsExactly(registered.containerInstanceArn());
    var described = fixture.ecs.describeContainerInstances(r -> r.cluster(cluster)
        .containerInstances(registered.containerInstanceArn(), "00000000000000000000000000000000"));
    assertThat(described.containerInstances()).extracting(ContainerInstance::containerInstanceArn)
        .containsExactly(registered.containerInstanceArn());
    assertThat(described.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
  }

  @Test
  void keepsTheArnWhenTheAgentRegistersAgain() {
    String cluster = fixture.newCluster();
    String arn = fixture.registerInstance(cluster, 1024, 1024);

    ContainerInstance again = fixture.ecs.registerContainerInstance(r -> r.cluster(cluster).containerInstanceArn(arn)
        .totalResources(Fixture.resources(4096, 8192))).containerInstance();

    assertThat(again.containerInstanceArn()).isEqualTo(arn);
    assertThat(resource(again.registeredResources(), "CPU").integerValue()).isEqualTo(4096);
    assertThat(fixture.ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns()).containsExactly(arn);
  }

  @Test
  void showsReservationsOfPlacedTasksInRemainingResources() {
    String cluster = fixture.newCluster();
    String arn = fixture.registerAgent(cluster, 1024, 1024);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 300));
    fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition));

    ContainerInstance described = fixture.ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(arn))
        .containerInstances().get(0);
    assertThat(resource(described.remainingResources(), "MEMORY").integerValue()).isEqualTo(724);
    assertThat(resource(described.remainingResources(), "CPU").integerValue()).isEqualTo(1024 - 128);
    assertThat(described.pendingTasksCount()).isEqualTo(1);
  }

  @Test
  void pointsTheAgentAtTheEmulatorForAcs() {
    String cluster = fixture.newCluster();
    String arn = fixture.registerInstance(cluster, 1024, 1024);
    var endpoint = fixture.ecs.discoverPollEndpoint(r -> r.cluster(cluster).containerInstance(arn));
    assertThat(endpoint.endpoint()).isEqualTo(fixture.emulator.endpoint().toString());
    assertThat(endpoint.telemetryEndpoint()).isEqualTo(fixture.emulator.endpoint().toString());
  }

  @Test
  void deregistersIdleInstancesOnly() {
    String cluster = fixture.newCluster();
    String busy = fixture.registerAgent(cluster, 1024, 1024);
    String definition = fixture.registerTaskDefinition(Fixture.container("app", 64));
    fixture.ecs.runTask(r -> r.cluster(cluster).taskDefinition(definition));

    assertThatThrownBy(() -> fixture.ecs.deregisterContainerInstance(r -> r.cluster(cluster).containerInstance(busy)))
        .isInstanceOf(InvalidParameterException.class);
    ContainerInstance gone = fixture.ecs.deregisterContainerInstance(r -> r.cluster(cluster).containerInstance(busy)
        .force(true)).containerInstance();
    assertThat(gone.status()).isEqualTo("INACTIVE");
    assertThat(fixture.ecs.listContainerInstances(r -> r.cluster(cluster)).containerInstanceArns()).isEmpty();
    assertThat(fixture.ecs.listContainerInstances(r -> r.cluster(cluster).status("INACTIVE")).containerInstanceArns())
        .containsExactly(busy);
  }

  @Test
  void refusesRegistrationInAnUnknownCluster() {
    assertThatThrownBy(() -> fixture.ecs.registerContainerInstance(r -> r.cluster("missing-cluster")
        .totalResources(Fixture.resources(1, 1))))
        .isInstanceOf(ClientException.class);
  }

  private static Resource resource(List<Resource> resources, String name) {
    return resources.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static String name(String clusterArn) {
    return clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
  }
}
