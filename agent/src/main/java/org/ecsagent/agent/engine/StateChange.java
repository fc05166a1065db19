package org.ecsagent.agent.engine;

import java.time.Instant;
import java.util.List;
import org.ecsagent.agent.docker.ContainerState.NetworkBinding;

/** What the engine tells the control plane, in the shapes of SubmitTaskStateChange / SubmitContainerStateChange. */
public sealed interface StateChange {
  String taskArn();

  record TaskChange(
      String taskArn,
      String status,
      String reason,
      List<ContainerChange> containers,
      Instant pullStartedAt,
      Instant pullStoppedAt,
      Instant executionStoppedAt) implements StateChange {}

  record ContainerChange(
      String taskArn,
      String containerName,
      String runtimeId,
      String status,
      Integer exitCode,
      String reason,
      List<NetworkBinding> networkBindings) implements StateChange {}
}
