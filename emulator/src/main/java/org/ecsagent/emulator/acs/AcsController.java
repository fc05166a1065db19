package org.ecsagent.emulator.acs;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.emulator.clusters.ClusterState;
import org.ecsagent.emulator.clusters.Clusters;
import org.ecsagent.emulator.instances.ContainerInstanceState;
import org.ecsagent.emulator.instances.ContainerInstances;
import org.ecsagent.emulator.tasks.LifecycleStatus;
import org.ecsagent.emulator.tasks.TaskState;
import org.ecsagent.emulator.tasks.Tasks;
import org.ecsagent.protocol.acs.AcsMessages.AckRequest;
import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;
import org.ecsagent.protocol.acs.AcsMessages.CloseMessage;
import org.ecsagent.protocol.acs.AcsMessages.ErrorMessage;
import org.ecsagent.protocol.acs.AcsMessages.HeartbeatAckRequest;
import org.ecsagent.protocol.acs.AcsMessages.HeartbeatMessage;
import org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentialsAckRequest;
import org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentialsMessage;
import org.ecsagent.protocol.acs.AcsMessages.TaskIdentifier;
import org.ecsagent.protocol.acs.AcsMessages.TaskManifestMessage;
import org.ecsagent.protocol.acs.AcsMessages.TaskStopVerificationAck;
import org.ecsagent.protocol.acs.AcsMessages.TaskStopVerificationMessage;
import org.ecsagent.protocol.acs.AcsMessages.NackRequest;
import org.ecsagent.protocol.acs.AcsMessages.UnknownMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's side of ACS: admits an agent's connection if its container instance is
 * registered (ACTIVE or DRAINING; else answers with the ACS exception and closes), keeps the instance
 * marked {@code agentConnected} while the session is open, redelivers unacked payloads on
 * connect, sends heartbeats, and acts on what the agent sends. State-thread only; the network
 * side is {@link AcsFrameHandler}.
 */
public final class AcsController {
  private static final Logger log = LoggerFactory.getLogger(AcsController.class);

  private final Clusters clusters;
  private final ContainerInstances instances;
  private final SessionRegistry sessions;
  private final PayloadOutbox outbox;
  private final Transmitter transmitter;
  private final IdGenerator ids;
  private final Tasks tasks;
  private final RoleCredentialsIssuer credentials;
  private final Clock clock;

  AcsController(Clusters clusters, ContainerInstances instances, Tasks tasks, SessionRegistry sessions,
      PayloadOutbox outbox, Transmitter transmitter, RoleCredentialsIssuer credentials, IdGenerator ids, Clock clock) {
    this.tasks = tasks;
    this.credentials = credentials;
    this.clock = clock;
    this.clusters = clusters;
    this.instances = instances;
    this.sessions = sessions;
    this.outbox = outbox;
    this.transmitter = transmitter;
    this.ids = ids;
  }

  /** A websocket upgrade completed; {@code query} holds the URL's parameters. */
  void connected(AcsPeer peer, Map<String, String> query) {
    String instanceArn = query.get("containerInstanceArn");
    Optional<ContainerInstanceState> instance = instances.find(instanceArn);
    if (instance.isEmpty()) {
      refuse(peer, "InvalidInstanceException", "Container instance " + instanceArn + " is not registered.");
      return;
    }
    if (!instance.get().isRegistered()) {
      refuse(peer, "InactiveInstanceException", "Container instance " + instanceArn + " is " + instance.get().status() + ".");
      return;
    }
    Optional<ClusterState> cluster = clusters.find(query.get("clusterArn"));
    if (cluster.isEmpty() || !cluster.get().arn().equals(instance.get().clusterArn())) {
      refuse(peer, "InvalidClusterException", "Container instance " + instanceArn + " is not in cluster "
          + query.get("clusterArn") + ".");
      return;
    }
    AcsSession session = new AcsSession(peer, instance.get().arn(), instance.get().clusterArn());
    sessions.open(session).ifPresent(previous -> {
      log.info("{} reconnected; closing its previous ACS connection", previous.containerInstanceArn());
      previous.peer().close();
    });
    instance.get().agentConnected(true);
    log.info("ACS session open for {} from {} (agent {}, seqNum {}, sendCredentials {})", session.containerInstanceArn(),
        peer.address(), query.get("agentVersion"), query.get("seqNum"), query.get("sendCredentials"));
    outbox.redeliver(session);
    if ("true".equals(query.get("sendCredentials"))) {
      resendCredentials(session);
    }
  }

  /**
   * A freshly started agent holds no credentials (they are never written to disk): on its first
   * connection it asks with sendCredentials=true, and gets them again for its live tasks.
   */
  private void resendCredentials(AcsSession session) {
    for (TaskState task : tasksOn(session.containerInstanceArn())) {
      AcsTaskFactory.taskRoleArn(task).ifPresent(role -> transmitter.send(session, new IAMRoleCredentialsMessage(
          task.arn(), task.clusterArn(), credentials.issue(role, "task"), "TaskApplication", ids.uuid())));
    }
  }

  private List<TaskState> tasksOn(String instanceArn) {
    return tasks.inCluster(sessions.forInstance(instanceArn).map(AcsSession::clusterArn).orElse("")).stream()
        .filter(t -> instanceArn.equals(t.containerInstanceArn()))
        .filter(t -> t.desiredStatus() != LifecycleStatus.STOPPED || t.lastStatus() != LifecycleStatus.STOPPED)
        .toList();
  }

  /** The tasks the control plane has placed on each instance, so agents can find strays. */
  void sendManifests() {
    for (AcsSession session : sessions.all()) {
      List<TaskIdentifier> listed = tasksOn(session.containerInstanceArn()).stream()
          .map(t -> new TaskIdentifier(t.arn(), t.clusterArn(), t.desiredStatus().name()))
          .toList();
      transmitter.send(session, new TaskManifestMessage(session.containerInstanceArn(), session.clusterArn(), listed,
          clock.millis(), ids.uuid(), clock.millis()));
    }
  }

  /** Confirms the candidates the control plane does not run (unknown, or meant to be stopped). */
  private void verifyStops(AcsSession session, TaskStopVerificationMessage request) {
    List<TaskIdentifier> stop = request.stopCandidates() == null ? List.of() : request.stopCandidates().stream()
        .filter(c -> tasks.find(c.taskArn())
            .map(t -> t.desiredStatus() == LifecycleStatus.STOPPED
                || !session.containerInstanceArn().equals(t.containerInstanceArn()))
            .orElse(true))
        .toList();
    log.info("{} asked to verify {} stop candidate(s); confirming {}", session.containerInstanceArn(),
        request.stopCandidates() == null ? 0 : request.stopCandidates().size(), stop.size());
    transmitter.send(session, new TaskStopVerificationAck(clock.millis(), request.messageId(), stop));
  }

  void received(AcsPeer peer, AcsMessage message) {
    Optional<AcsSession> found = sessions.forPeer(peer);
    if (found.isEmpty()) {
      log.debug("dropping {} from {}: no open session", message.getClass().getSimpleName(), peer.address());
      return;
    }
    AcsSession session = found.get();
    String instance = session.containerInstanceArn();
    switch (message) {
      case AckRequest ack -> outbox.acked(instance, ack.messageId());
      case NackRequest nack -> log.warn("{} refused message {}: {}", instance, nack.messageId(), nack.reason());
      case HeartbeatAckRequest ack -> log.info("heartbeat {} acked by {}", ack.messageId(), instance);
      case IAMRoleCredentialsAckRequest ack -> log.info("credentials {} acked by {}", ack.credentialsId(), instance);
      case TaskStopVerificationMessage verify -> verifyStops(session, verify);
      case CloseMessage close -> {
        log.info("{} closes its ACS session: {}", instance, close.message());
        peer.close();
      }
      case UnknownMessage unknown -> log.warn("dropping ACS message of unknown type {} from {}", unknown.type(), instance);
      default -> log.warn("dropping unexpected {} from {}", message.getClass().getSimpleName(), instance);
    }
  }

  void disconnected(AcsPeer peer) {
    sessions.forPeer(peer).ifPresent(session -> {
      sessions.remove(session);
      instances.find(session.containerInstanceArn()).ifPresent(i -> i.agentConnected(false));
      log.info("ACS session closed for {}", session.containerInstanceArn());
    });
  }

  /** Every open session gets one; the agent answers each with a HeartbeatAckRequest. */
  void heartbeat() {
    for (AcsSession session : sessions.all()) {
      transmitter.send(session, new HeartbeatMessage(true, ids.uuid()));
    }
  }

  /** A deregistered instance's agent is told so (it then stops reconnecting for a while) and disconnected. */
  public void deregistered(ContainerInstanceState instance) {
    sessions.forInstance(instance.arn()).ifPresent(session ->
        refuse(session.peer(), "InactiveInstanceException", "Container instance " + instance.arn() + " was deregistered."));
  }

  private static void refuse(AcsPeer peer, String errorType, String message) {
    log.warn("refusing ACS connection from {}: {}: {}", peer.address(), errorType, message);
    peer.send(new ErrorMessage(errorType, message));
    peer.close();
  }
}
