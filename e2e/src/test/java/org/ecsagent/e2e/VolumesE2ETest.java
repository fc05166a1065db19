package org.ecsagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecsagent.e2e.LocalCluster.TEST_IMAGE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HostVolumeProperties;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.Volume;
import software.amazon.awssdk.services.ecs.model.VolumeFrom;

/** Host bind volumes, task-scoped scratch volumes, volumesFrom and links, on real Docker; cleanup removes them. */
class VolumesE2ETest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path dataDir;
  @TempDir
  static Path hostDir;
  static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start(dataDir, b -> b.taskCleanupWaitDuration(Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void containersShareHostAndScratchVolumesAndAreLinked() throws Exception {
    String def = cluster.ecs.registerTaskDefinition(r -> r.family("vols")
        .volumes(Volume.builder().name("host-data").host(HostVolumeProperties.builder().sourcePath(hostDir.toString())
                .build()).build(),
            Volume.builder().name("scratch").host(HostVolumeProperties.builder().build()).build())
        .containerDefinitions(
            ContainerDefinition.builder().name("writer").image(TEST_IMAGE).memory(32).essential(true)
                .command("sh", "-c", "echo from-task > /data/out.txt; echo shared > /scratch/x; "
                    + "trap 'exit 0' TERM; sleep 300 & wait")
                .mountPoints(MountPoint.builder().sourceVolume("host-data").containerPath("/data").build(),
                    MountPoint.builder().sourceVolume("scratch").containerPath("/scratch").build())
                .build(),
            ContainerDefinition.builder().name("reader").image(TEST_IMAGE).memory(32).essential(true)
                .command("sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait")
                .volumesFrom(VolumeFrom.builder().sourceContainer("writer").readOnly(true).build())
                .links("writer:w")
                .build()))
        .taskDefinition().taskDefinitionArn();
    String taskArn = cluster.runTask(def);
    Task running = cluster.awaitStatus(taskArn, "RUNNING", TIMEOUT);

    await().atMost(TIMEOUT).until(() -> Files.exists(hostDir.resolve("out.txt")));
    assertThat(Files.readString(hostDir.resolve("out.txt")).strip()).isEqualTo("from-task");
    String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
    String scratch = "ecs-vols-1-scratch-" + taskId;
    assertThat(cluster.docker.inspectVolumeCmd(scratch).exec().getName()).isEqualTo(scratch);

    String readerId = running.containers().stream().filter(c -> c.name().equals("reader")).findFirst().orElseThrow()
        .runtimeId();
    String writerName = cluster.inspect(running.containers().stream().filter(c -> c.name().equals("writer"))
        .findFirst().orElseThrow().runtimeId()).getName().substring(1);
    var reader = cluster.inspect(readerId);
    assertThat(List.of(reader.getHostConfig().getVolumesFrom())).extracting(Object::toString)
        .containsExactly(writerName + ":ro");
    assertThat(reader.getMounts()).anyMatch(m -> "/scratch".equals(m.getDestination().getPath()));

    cluster.ecs.stopTask(r -> r.cluster(cluster.cluster).task(taskArn));
    cluster.awaitStatus(taskArn, "STOPPED", TIMEOUT);
    // ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION=1s: containers and the task-scoped volume go away.
    await().atMost(TIMEOUT).until(() -> cluster.docker.listVolumesCmd().exec().getVolumes().stream()
        .noneMatch(v -> v.getName().equals(scratch)));
    assertThat(cluster.containers()).noneMatch(c -> c.getLabels().get("com.amazonaws.ecs.task-arn").equals(taskArn));
  }
}
