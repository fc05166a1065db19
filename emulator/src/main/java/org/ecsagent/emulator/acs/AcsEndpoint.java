package org.ecsagent.emulator.acs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.emulator.clusters.Clusters;
import org.ecsagent.emulator.instances.ContainerInstanceState;
import org.ecsagent.emulator.instances.ContainerInstances;
import org.ecsagent.emulator.tasks.TaskDispatcher;
import org.ecsagent.emulator.tasks.Tasks;
import org.ecsagent.protocol.acs.AcsCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACS room's one door: wires sessions, the payload outbox and the controller, and gives the
 * rest of the emulator what it needs from ACS: a {@link TaskDispatcher} for new and stopped tasks,
 * a hook for deregistered instances, a heartbeat and a tick to schedule, the network handlers,
 * and the ACS fault controls (drop, refuse, delay, hold and release, replay). Every method but
 * the handler factories is for the state thread.
 */
public final class AcsEndpoint {
  private static final Logger log = LoggerFactory.getLogger(AcsEndpoint.class);

  private final AcsController controller;
  private final PayloadOutbox outbox;
  private final SessionRegistry sessions = new SessionRegistry();
  private final AcsConditions conditions = new AcsConditions();
  private final Transmitter transmitter;
  private final ContainerInstances instances;
  private final Executor stateThread;
  private final Clock clock;
  private final AcsCodec codec = new AcsCodec();
  private final AcsAdmission admission;

  public AcsEndpoint(Clusters clusters, ContainerInstances instances, Tasks tasks, IdGenerator ids, Clock clock,
      RandomGenerator random, Executor stateThread) {
    ObjectMapper mapper = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    this.transmitter = new Transmitter(conditions, clock, random);
    RoleCredentialsIssuer issuer = new RoleCredentialsIssuer(ids, random, clock);
    this.outbox = new PayloadOutbox(sessions, transmitter, tasks,
        new AcsTaskFactory(new DockerConfigFactory(mapper), mapper, issuer), ids, clock);
    this.controller = new AcsController(clusters, instances, tasks, sessions, outbox, transmitter, issuer, ids, clock);
    this.instances = instances;
    this.stateThread = stateThread;
    this.clock = clock;
    this.admission = new AcsAdmission(conditions, clock);
  }

  /** What the ACS fault controls are doing now. */
  public record FaultStatus(Duration delay, Instant refuseUntil, Set<String> holding,
      Map<String, Integer> heldPayloads, Map<String, Integer> delayedMessages) {}

  public TaskDispatcher dispatcher() {
    return outbox;
  }

  public void deregistered(ContainerInstanceState instance) {
    controller.deregistered(instance);
  }

  /** Every heartbeat interval. */
  public void heartbeat() {
    controller.heartbeat();
  }

  /** Sends each connected agent the manifest of the tasks placed on its instance. */
  public void sendManifests() {
    controller.sendManifests();
  }

  /** Every emulator tick: delayed messages that are due go out. */
  public void tick() {
    transmitter.sendDue(sessions.all());
  }

  /** Drops the ACS connection of the instance (ARN or id), or of every instance if empty; returns whose. */
  public List<String> drop(Optional<String> instance) {
    List<AcsSession> dropped = sessions.all().stream()
        .filter(s -> instance.isEmpty() || s.containerInstanceArn().equals(resolve(instance.get())))
        .toList();
    dropped.forEach(s -> {
      log.info("dropping the ACS connection of {} (fault control)", s.containerInstanceArn());
      s.peer().abort();
    });
    return dropped.stream().map(AcsSession::containerInstanceArn).toList();
  }

  /** Refuses ACS upgrades with 503 for this long, by the emulator's clock; zero ends a refusal. */
  public void refuseConnections(Duration duration) {
    conditions.refuseUntil(duration.isZero() ? Instant.MIN : clock.instant().plus(duration));
  }

  /** Delays every message to every agent by this long, by the emulator's clock; zero ends it. */
  public void delay(Duration delay) {
    conditions.delay(delay);
    if (delay.isZero()) {
      sessions.all().forEach(s -> {
        while (!s.delayed().isEmpty()) {
          s.peer().send(s.delayed().pollFirst().message());
        }
      });
    }
  }

  /** Keeps back the payloads for the instance until {@link #release}. */
  public void hold(String instance) {
    conditions.hold(resolve(instance));
  }

  /** Stops holding the instance's payloads and sends the held ones in the given order; returns how many. */
  public int release(String instance, PayloadOrder order) {
    String arn = resolve(instance);
    conditions.stopHolding(arn);
    return sessions.forInstance(arn).map(s -> transmitter.release(s, order)).orElse(0);
  }

  /** Sends the instance's last {@code count} payloads again, unchanged; the agent must be connected. */
  public int replay(String instance, int count) {
    String arn = resolve(instance);
    AcsSession session = sessions.forInstance(arn)
        .orElseThrow(() -> new IllegalArgumentException("the agent of " + arn + " is not connected"));
    return outbox.replay(session, count);
  }

  public FaultStatus faultStatus() {
    Map<String, Integer> held = new LinkedHashMap<>();
    Map<String, Integer> delayed = new LinkedHashMap<>();
    for (AcsSession s : sessions.all()) {
      if (!s.held().isEmpty()) {
        held.put(s.containerInstanceArn(), s.held().size());
      }
      if (!s.delayed().isEmpty()) {
        delayed.put(s.containerInstanceArn(), s.delayed().size());
      }
    }
    Instant refuseUntil = conditions.refusing(clock.instant()) ? conditions.refuseUntil() : null;
    return new FaultStatus(conditions.delay(), refuseUntil, conditions.holding(), held, delayed);
  }

  /** Ends every ACS fault: held payloads go out as sent, delayed messages at once. */
  public void clearFaults() {
    conditions.holding().forEach(arn -> release(arn, PayloadOrder.AS_SENT));
    delay(Duration.ZERO);
    conditions.clear();
  }

  /** The handler that refuses upgrades while the fault controls say so; shared by all connections. */
  public ChannelHandler admission() {
    return admission;
  }

  /** A handler for one new connection, to go after the websocket protocol handler. */
  public ChannelHandler newFrameHandler() {
    return new AcsFrameHandler(controller, stateThread, codec);
  }

  /** An instance reference (ARN or id) as the ARN sessions are kept under. */
  private String resolve(String instance) {
    return instances.find(instance).map(ContainerInstanceState::arn)
        .orElseThrow(() -> new IllegalArgumentException("no container instance " + instance));
  }
}
