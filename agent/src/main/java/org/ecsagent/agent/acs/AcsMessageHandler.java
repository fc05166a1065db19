package org.ecsagent.agent.acs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Objects;
import org.ecsagent.agent.engine.CrashPoints;
import org.ecsagent.agent.engine.TaskEngine;
import org.ecsagent.agent.engine.TaskStatus;
import org.ecsagent.protocol.acs.AcsMessages.AckRequest;
import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;
import org.ecsagent.protocol.acs.AcsMessages.CloseMessage;
import org.ecsagent.protocol.acs.AcsMessages.ErrorMessage;
import org.ecsagent.protocol.acs.AcsMessages.HeartbeatAckRequest;
import org.ecsagent.protocol.acs.AcsMessages.HeartbeatMessage;
import org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentialsAckRequest;
import org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentialsMessage;
import org.ecsagent.protocol.acs.AcsMessages.NackRequest;
import org.ecsagent.protocol.acs.AcsMessages.PayloadMessage;
import org.ecsagent.protocol.acs.AcsMessages.Task;
import org.ecsagent.protocol.acs.AcsMessages.TaskIdentifier;
import org.ecsagent.protocol.acs.AcsMessages.TaskManifestMessage;
import org.ecsagent.protocol.acs.AcsMessages.TaskStopVerificationAck;
import org.ecsagent.protocol.acs.AcsMessages.TaskStopVerificationMessage;
import org.ecsagent.protocol.acs.AcsMessages.UnknownMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent does with each message the control plane sends. Payloads go to the engine and
 * are acknowledged once the engine has recorded them; heartbeats are answered; a close message
 * ends the connection so the session reconnects.
 */
final class AcsMessageHandler {
  private static final Logger log = LoggerFactory.getLogger(AcsMessageHandler.class);

  /** How the handler talks back on the current connection. */
  interface Connection {
    void send(AcsMessage reply);

    /** Ends this connection; the session reconnects after {@code reconnectAfter} (zero: at once). */
    void close(String why, Duration reconnectAfter);
  }

  /** The original waits an hour before reconnecting for an instance the control plane deregistered. */
  static final Duration INACTIVE_INSTANCE_WAIT = Duration.ofHours(1);

  private final TaskEngine engine;
  private final String cluster;
  private final String containerInstanceArn;
  private final CrashPoints crashPoints;

  AcsMessageHandler(TaskEngine engine, String cluster, String containerInstanceArn, CrashPoints crashPoints) {
    this.engine = engine;
    this.crashPoints = crashPoints;
    this.cluster = cluster;
    this.containerInstanceArn = containerInstanceArn;
  }

  void handle(AcsMessage message, Connection connection) {
    switch (message) {
      case PayloadMessage payload -> onPayload(payload, connection);
      case HeartbeatMessage heartbeat -> connection.send(new HeartbeatAckRequest(heartbeat.messageId()));
      case CloseMessage close -> connection.close("control plane sent CloseMessage: " + close.message(), Duration.ZERO);
      case ErrorMessage error -> {
        log.error("control plane error {}: {}", error.errorType(), error.message());
        boolean inactive = "InactiveInstanceException".equals(error.errorType());
        connection.close("control plane error " + error.errorType(), inactive ? INACTIVE_INSTANCE_WAIT : null);
      }
      case TaskManifestMessage manifest -> onManifest(manifest, connection);
      case TaskStopVerificationAck verified -> onStopVerified(verified);
      case IAMRoleCredentialsMessage credentials -> onCredentials(credentials, connection);
      case UnknownMessage unknown -> log.debug("ignoring ACS message of unknown type {}", unknown.type());
      default -> log.warn("ignoring unexpected ACS message {}", message.getClass().getSimpleName());
    }
  }

  /**
   * A manifest lists what the control plane believes runs here. Tasks running here that it does
   * not list are not stopped on the spot (the manifest may be stale): the agent asks the control
   * plane to confirm them first, as the original does.
   */
  private void onManifest(TaskManifestMessage manifest, Connection connection) {
    if (manifest.messageId() != null) {
      connection.send(new AckRequest(cluster, containerInstanceArn, manifest.messageId()));
    }
    Set<String> listed = new HashSet<>();
    List<String> stopNow = new ArrayList<>();
    for (TaskIdentifier t : manifest.tasks() == null ? List.<TaskIdentifier>of() : manifest.tasks()) {
      listed.add(t.taskArn());
      if ("STOPPED".equals(t.desiredStatus())) {
        stopNow.add(t.taskArn());
      }
    }
    if (!stopNow.isEmpty()) {
      engine.stopTasks(stopNow);
    }
    List<TaskIdentifier> candidates = engine.tasks().stream()
        .filter(t -> t.desiredStatus() != TaskStatus.STOPPED && !listed.contains(t.arn()))
        .map(t -> new TaskIdentifier(t.arn(), manifest.clusterArn(), t.desiredStatus().backendStatus()))
        .toList();
    if (!candidates.isEmpty()) {
      log.info("manifest {}: {} task(s) here are not in it; asking the control plane to verify", manifest.messageId(),
          candidates.size());
      connection.send(new TaskStopVerificationMessage(UUID.randomUUID().toString(), candidates));
    }
  }

  private void onStopVerified(TaskStopVerificationAck verified) {
    List<String> arns = verified.stopTasks() == null ? List.of()
        : verified.stopTasks().stream().map(TaskIdentifier::taskArn).filter(Objects::nonNull).toList();
    if (!arns.isEmpty()) {
      log.info("control plane confirmed {} task(s) should stop", arns.size());
      engine.stopTasks(arns);
    }
  }

  /** Refreshed (or, after a restart, re-sent) role credentials: stored, then acknowledged. */
  private void onCredentials(IAMRoleCredentialsMessage message, Connection connection) {
    var credentials = message.roleCredentials();
    if (credentials == null || message.taskArn() == null) {
      log.warn("dropping IAMRoleCredentialsMessage {} without task or credentials", message.messageId());
      return;
    }
    if ("TaskExecution".equals(message.roleType())) {
      log.debug("task {}: execution role credentials {} (not used yet)", message.taskArn(), credentials);
      connection.send(new IAMRoleCredentialsAckRequest(message.messageId(), credentials.expiration(),
          credentials.credentialsId()));
      return;
    }
    engine.refreshCredentials(message.taskArn(), credentials).whenComplete((stored, error) -> {
      if (error == null && stored) {
        log.info("task {}: role credentials refreshed ({})", message.taskArn(), credentials);
        connection.send(new IAMRoleCredentialsAckRequest(message.messageId(), credentials.expiration(),
            credentials.credentialsId()));
      } else {
        log.warn("task {}: credentials for a task this agent does not run with a role; not acknowledged",
            message.taskArn());
      }
    });
  }

  private void onPayload(PayloadMessage payload, Connection connection) {
    List<Task> tasks = payload.tasks() == null ? List.of() : payload.tasks();
    if (payload.messageId() == null) {
      log.warn("dropping a PayloadMessage without messageId ({} task(s))", tasks.size());
      return;
    }
    if (tasks.stream().anyMatch(t -> t == null || t.arn() == null || t.arn().isBlank())) {
      connection.send(new NackRequest(cluster, containerInstanceArn, payload.messageId(), "task without arn in payload"));
      return;
    }
    log.info("payload {} (seqNum {}): {} task(s)", payload.messageId(), payload.seqNum(), tasks.size());
    engine.accept(tasks.stream().filter(Objects::nonNull).toList()).whenComplete((ok, error) -> {
      if (error != null) {
        log.error("payload {}: engine could not record tasks", payload.messageId(), error);
        connection.send(new NackRequest(cluster, containerInstanceArn, payload.messageId(), error.getMessage()));
      } else {
        crashPoints.reach("payload-recorded");
        connection.send(new AckRequest(cluster, containerInstanceArn, payload.messageId()));
        for (Task t : tasks) { // the original acknowledges each credential set too
          for (var c : java.util.Arrays.asList(t.roleCredentials(), t.executionRoleCredentials())) {
            if (c != null && c.credentialsId() != null) {
              connection.send(new IAMRoleCredentialsAckRequest(payload.messageId(), c.expiration(), c.credentialsId()));
            }
          }
        }
      }
    });
  }

}
