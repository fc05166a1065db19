package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecsagent.e2e.LocalCluster.TEST_IMAGE;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HostEntry;
import software.amazon.awssdk.services.ecs.model.KernelCapabilities;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LinuxParameters;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.Ulimit;
import software.amazon.awssdk.services.ecs.model.UlimitName;

/** Container-definition fields as Docker receives them, checked with docker inspect. */
class ContainerFieldsE2ETest extends SharedClusterTest {

  @Test
  void containerDefinitionFieldsReachDocker() {
    ContainerDefinition app = ContainerDefinition.builder().name("app").image(TEST_IMAGE).essential(true)
        .memory(64).memoryReservation(32).cpu(128)
        .entryPoint("sh", "-c").command("trap 'exit 0' TERM; sleep 300 & wait")
        .environment(KeyValuePair.builder().name("GREETING").value("hello").build())
        .workingDirectory("/tmp").user("root").hostname("app-host")
        .dockerLabels(Map.of("team", "core"))
        .portMappings(PortMapping.builder().containerPort(8080).hostPort(0).build())
        .ulimits(Ulimit.builder().name(UlimitName.NOFILE).softLimit(1024).hardLimit(2048).build())
        .extraHosts(HostEntry.builder().hostname("db.internal").ipAddress("10.0.0.5").build())
        .dnsServers("10.0.0.2")
        .readonlyRootFilesystem(true)
        .linuxParameters(LinuxParameters.builder().initProcessEnabled(true).sharedMemorySize(64)
            .capabilities(KernelCapabilities.builder().add("NET_ADMIN").drop("MKNOD").build()).build())
        .build();
    String def = cluster.registerTaskDefinition("fields", app);
    Task running = cluster.awaitStatus(cluster.runTask(def), "RUNNING", Duration.ofSeconds(30));

    var c = cluster.inspect(running.containers().get(0).runtimeId());
    var host = c.getHostConfig();
    assertThat(List.of(c.getConfig().getEntrypoint())).containsExactly("sh", "-c");
    assertThat(List.of(c.getConfig().getEnv())).contains("GREETING=hello");
    assertThat(c.getConfig().getWorkingDir()).isEqualTo("/tmp");
    assertThat(c.getConfig().getUser()).isEqualTo("root");
    assertThat(c.getConfig().getHostName()).isEqualTo("app-host");
    assertThat(c.getConfig().getLabels()).containsEntry("team", "core");
    assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
    assertThat(host.getMemoryReservation()).isEqualTo(32L * 1024 * 1024);
    assertThat(host.getCpuShares()).isEqualTo(128);
    assertThat(host.getUlimits()).singleElement().satisfies(u -> {
      assertThat(u.getName()).isEqualTo("nofile");
      assertThat(u.getSoftLong()).isEqualTo(1024);
    });
    assertThat(List.of(host.getExtraHosts())).contains("db.internal:10.0.0.5");
    assertThat(List.of(host.getDns())).containsExactly("10.0.0.2");
    assertThat(host.getReadonlyRootfs()).isTrue();
    assertThat(host.getInit()).isTrue();
    assertThat(host.getShmSize()).isEqualTo(64L * 1024 * 1024);
    assertThat(List.of(host.getCapAdd())).extracting(Object::toString).contains("NET_ADMIN");
    assertThat(List.of(host.getCapDrop())).extracting(Object::toString).contains("MKNOD");
    assertThat(running.containers().get(0).networkBindings()).singleElement()
        .satisfies(b -> assertThat(b.hostPort()).isPositive());
  }
}
