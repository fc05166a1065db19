package org.ecsagent.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecsagent.agent.docker.ContainerState.NetworkBinding;
import org.ecsagent.agent.state.StateChange.ContainerChange;
import org.ecsagent.agent.state.StateChange.TaskChange;
import org.ecsagent.protocol.acs.AcsMessages.Container;
import org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentials;
import org.ecsagent.protocol.acs.AcsMessages.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreTest {
  @TempDir
  Path dir;

  private static Task task(String arn) {
    Container c = new Container("app", "img:1", List.of("sleep", "1"), null, null, 64, Map.of("K", "V"), null, true,
        null, null, null, null, null, null, null, null, null, 5, null, null, null, "arn:container");
    return new Task(arn, "cluster", List.of(c), "RUNNING", "fam", "2", null, null, null, 0.5, 128, null, null, "EC2",
        "bridge", null, null);
  }

  private static TaskRecord record(String arn, String known) {
    return new TaskRecord(task(arn), "RUNNING", known, null, Instant.parse("2026-01-01T00:00:00Z"), null, null, null,
        List.of(new TaskRecord.ContainerRecord("app", "ecs-fam-2-app-00", "ep-1", "dockerid", "sha256:i", "RUNNING",
            known, null, null, List.of(new NetworkBinding("0.0.0.0", 80, 32768, "tcp")), null, null, null, null)), null);
  }

  @Test
  void survivesReopenWithTasksOutboxAndInstanceArn() {
    TaskChange running = new TaskChange("t1", "RUNNING", null,
        List.of(new ContainerChange("t1", "app", "dockerid", "RUNNING", null, null, List.of())), Instant.EPOCH, null,
        null);
    try (SqliteStateStore store = SqliteStateStore.open(dir, Clock.systemUTC())) {
      store.saveContainerInstanceArn("prod", "arn:instance");
      List<PendingChange> queued = store.saveTask(record("t1", "RUNNING"), List.of(running));
      assertThat(queued).singleElement().extracting(PendingChange::change).isEqualTo(running);
    }
    try (SqliteStateStore store = SqliteStateStore.open(dir, Clock.systemUTC())) {
      assertThat(store.containerInstanceArn()).contains("arn:instance");
      assertThat(store.cluster()).contains("prod");
      assertThat(store.loadTasks()).containsExactly(record("t1", "RUNNING"));
      assertThat(store.pendingChanges()).extracting(PendingChange::change).containsExactly(running);

      store.markSubmitted(store.pendingChanges().get(0).sequence());
      assertThat(store.pendingChanges()).isEmpty();
    }
  }

  @Test
  void outboxKeepsOrderAcrossTasks() {
    try (SqliteStateStore store = SqliteStateStore.open(dir, Clock.systemUTC())) {
      store.saveTask(record("t1", "RUNNING"), List.of(new TaskChange("t1", "RUNNING", null, List.of(), null, null, null)));
      store.saveTask(record("t2", "RUNNING"), List.of(new TaskChange("t2", "RUNNING", null, List.of(), null, null, null)));
      store.saveTask(record("t1", "STOPPED"), List.of(new TaskChange("t1", "STOPPED", "x", List.of(), null, null, null)));
      assertThat(store.pendingChanges()).extracting(p -> p.change().taskArn() + ":" + ((TaskChange) p.change()).status())
          .containsExactly("t1:RUNNING", "t2:RUNNING", "t1:STOPPED");
      assertThat(store.loadTasks()).extracting(TaskRecord::knownStatus).containsExactly("STOPPED", "RUNNING");
    }
  }

  @Test
  void removedTasksLeaveATombstone() {
    try (SqliteStateStore store = SqliteStateStore.open(dir, Clock.systemUTC())) {
      store.saveTask(record("t1", "STOPPED"), List.of());
      store.removeTask("t1");
      assertThat(store.loadTasks()).isEmpty();
      assertThat(store.wasRemoved("t1")).isTrue();
      assertThat(store.wasRemoved("t2")).isFalse();
    }
  }

  @Test
  void stateFileIsOnlyReadableByRoot() throws Exception {
    SqliteStateStore.open(dir, Clock.systemUTC()).close();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(SqliteStateStore.FILE_NAME))))
        .isEqualTo("rw-------");
  }

  @Test
  void corruptFileIsRefusedWithInstructionsNotReplaced() throws Exception {
    Path file = dir.resolve(SqliteStateStore.FILE_NAME);
    Files.writeString(file, "this is not a database, it is garbage ".repeat(200));

    assertThatThrownBy(() -> SqliteStateStore.open(dir, Clock.systemUTC()))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("will not start")
        .hasMessageContaining("mv ");
    assertThat(Files.readString(file)).startsWith("this is not a database"); // left for the operator
  }

  @Test
  void roleCredentialsNeverReachTheDisk() throws Exception {
    IAMRoleCredentials secret = new IAMRoleCredentials("cred-1", "arn:role", "AKIAPLANTED", "PLANTED-SECRET-KEY",
        "PLANTED-TOKEN", "2030-01-01T00:00:00Z", "task");
    Task t = task("t1");
    Task withCredentials = new Task(t.arn(), t.taskClusterArn(), t.containers(), t.desiredStatus(), t.family(),
        t.version(), null, secret, secret, null, null, null, null, null, null, null, null);
    try (SqliteStateStore store = SqliteStateStore.open(dir, Clock.systemUTC())) {
      store.saveTask(new TaskRecord(withCredentials.withoutCredentials(), "RUNNING", "NONE", null, null, null, null,
          null, List.of(), null), List.of());
    }
    for (Path f : Files.list(dir).toList()) {
      String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertThat(content).doesNotContain("PLANTED-SECRET-KEY").doesNotContain("PLANTED-TOKEN");
    }
  }
}
