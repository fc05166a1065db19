package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecsagent.e2e.LocalCluster.TEST_IMAGE;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.Task;

/** dependsOn ordering and Docker health checks, on real Docker through the emulator. */
class DependsOnE2ETest extends SharedClusterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);


  private static ContainerDefinition.Builder def(String name, boolean essential, String... command) {
    return ContainerDefinition.builder().name(name).image(TEST_IMAGE).memory(32).essential(essential).command(command);
  }

  private Instant started(Task task, String name) {
    return Instant.parse(cluster.inspect(runtimeId(task, name)).getState().getStartedAt());
  }

  private static String runtimeId(Task task, String name) {
    return task.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().runtimeId();
  }

  @Test
  void appStartsAfterInitSucceededAndDatabaseIsHealthy() {
    String taskDef = cluster.registerTaskDefinition("ordered",
        def("init", false, "sh", "-c", "sleep 1; exit 0").build(),
        def("db", true, "sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait")
            .healthCheck(HealthCheck.builder().command("CMD-SHELL", "true").interval(5).timeout(2).retries(3)
                .startPeriod(0).build()).build(),
        def("app", true, "sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait")
            .dependsOn(ContainerDependency.builder().containerName("init").condition(ContainerCondition.SUCCESS).build(),
                ContainerDependency.builder().containerName("db").condition(ContainerCondition.HEALTHY).build())
            .build());
    String taskArn = cluster.runTask(taskDef);

    Task running = cluster.awaitStatus(taskArn, "RUNNING", TIMEOUT);
    var init = cluster.inspect(runtimeId(running, "init"));
    assertThat(init.getState().getExitCodeLong()).isZero();
    assertThat(started(running, "app")).isAfter(Instant.parse(init.getState().getFinishedAt()));
    assertThat(cluster.inspect(runtimeId(running, "db")).getState().getHealth().getStatus()).isEqualTo("healthy");

    cluster.ecs.stopTask(r -> r.cluster(cluster.cluster).task(taskArn));
    cluster.awaitStatus(taskArn, "STOPPED", TIMEOUT);
  }

  @Test
  void failingInitStopsTheTaskWithAClearReason() {
    String taskDef = cluster.registerTaskDefinition("broken-init",
        def("init", false, "sh", "-c", "exit 2").build(),
        def("app", true, "sleep", "300")
            .dependsOn(ContainerDependency.builder().containerName("init").condition(ContainerCondition.SUCCESS).build())
            .build());
    String taskArn = cluster.runTask(taskDef);

    Task stopped = cluster.awaitStatus(taskArn, "STOPPED", TIMEOUT);
    var app = stopped.containers().stream().filter(c -> c.name().equals("app")).findFirst().orElseThrow();
    assertThat(app.reason()).startsWith("DependencyConditionNotMet: dependency init exited with code 2");
    assertThat(stopped.stoppedReason()).contains("DependencyConditionNotMet");
  }
}
