package org.ecsagent.agent.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import org.ecsagent.agent.docker.ContainerState.NetworkBinding;

/** What the engine tells the control plane, in the shapes of SubmitTaskStateChange / SubmitContainerStateChange. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StateChange.TaskChange.class, name = "task"),
    @JsonSubTypes.Type(value = StateChange.ContainerChange.class, name = "container")})
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
