package org.ecsagent.emulator.tasks;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.CallContext;
import org.ecsagent.emulator.api.OperationTable;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.emulator.clusters.ClusterState;
import org.ecsagent.emulator.clusters.Clusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent's reports: SubmitTaskStateChange and SubmitContainerStateChange. */
public final class StateChangeOperations {
  private static final Logger log = LoggerFactory.getLogger(StateChangeOperations.class);

  private final Clusters clusters;
  private final Tasks tasks;
  private final IdGenerator ids;
  private final Clock clock;

  public StateChangeOperations(Clusters clusters, Tasks tasks, IdGenerator ids, Clock clock) {
    this.clusters = clusters;
    this.tasks = tasks;
    this.ids = ids;
    this.clock = clock;
  }

  public void registerWith(OperationTable table) {
    table.register("SubmitTaskStateChange", SubmitTaskStateChangeRequest.class, this::submitTaskStateChange)
        .register("SubmitContainerStateChange", SubmitContainerStateChangeRequest.class,
            this::submitContainerStateChange);
  }

  public record ContainerStateChange(String containerName, String imageDigest, String runtimeId, Integer exitCode,
      List<NetworkBinding> networkBindings, String reason, String status) {}

  public record SubmitTaskStateChangeRequest(String cluster, String task, String status, String reason,
      List<ContainerStateChange> containers, Instant pullStartedAt, Instant pullStoppedAt,
      Instant executionStoppedAt) {}

  public record SubmitContainerStateChangeRequest(String cluster, String task, String containerName, String runtimeId,
      String status, Integer exitCode, String reason, List<NetworkBinding> networkBindings) {}

  public record Acknowledgment(String acknowledgment) {}

  Acknowledgment submitTaskStateChange(SubmitTaskStateChangeRequest request, CallContext context) {
    TaskState task = task(request.cluster(), request.task());
    Map<String, ContainerState.Report> containers = new LinkedHashMap<>();
    if (request.containers() != null) {
      for (ContainerStateChange c : request.containers()) {
        containers.put(knownContainer(task, c.containerName()), new ContainerState.Report(status(c.status()),
            c.runtimeId(), c.exitCode(), c.reason(), c.networkBindings(), c.imageDigest()));
      }
    }
    LifecycleStatus before = task.lastStatus();
    task.apply(new TaskState.Report(status(request.status()), request.reason(), containers, request.pullStartedAt(),
        request.pullStoppedAt(), request.executionStoppedAt()), clock.instant());
    if (task.lastStatus() != before) {
      Task view = task.describe();
      log.info("task {} is {}{}", task.arn(), view.lastStatus(),
          view.stopCode() == null ? "" : " (" + view.stopCode() + ": " + view.stoppedReason() + ")");
    }
    return new Acknowledgment(ids.uuid());
  }

  Acknowledgment submitContainerStateChange(SubmitContainerStateChangeRequest request, CallContext context) {
    TaskState task = task(request.cluster(), request.task());
    String name = knownContainer(task, request.containerName());
    task.apply(name, new ContainerState.Report(status(request.status()), request.runtimeId(), request.exitCode(),
        request.reason(), request.networkBindings(), null));
    return new Acknowledgment(ids.uuid());
  }

  private TaskState task(String clusterRef, String taskRef) {
    ClusterState cluster = clusters.requireForAgent(clusterRef);
    return tasks.find(taskRef)
        .filter(t -> t.clusterArn().equals(cluster.arn()))
        .orElseThrow(() -> ApiException.invalidParameter("The referenced task was not found: " + taskRef + "."));
  }

  private static String knownContainer(TaskState task, String name) {
    if (name == null || task.container(name).isEmpty()) {
      throw ApiException.invalidParameter("Container " + name + " is not part of task " + task.arn() + ".");
    }
    return name;
  }

  private static LifecycleStatus status(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return LifecycleStatus.parse(text)
        .orElseThrow(() -> ApiException.invalidParameter("Invalid status " + text + "; expected PENDING, RUNNING or STOPPED."));
  }
}
