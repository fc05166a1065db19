package org.ecsagent.emulator;

import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.ecsagent.protocol.acs.AcsMessages;
import org.ecsagent.protocol.acs.AcsMessages.AckRequest;
import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;
import org.ecsagent.protocol.acs.AcsMessages.PayloadMessage;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerStateChange;

/**
 * Plays a whole agent, minus Docker: registers an instance, holds its ACS session, acks every
 * payload and reports each task's fate through the SDK, as its family's {@link Behaviour} says.
 * Reports go out one at a time, in the order the payloads came, from one thread.
 */
final class FakeAgent implements AutoCloseable {
  /** What happens to a task the agent is asked to run. */
  enum Behaviour {
    /** Reaches RUNNING and stays until asked to stop. */
    RUN,
    /** Never starts: STOPPED with CannotPullContainerError. */
    FAIL_TO_START,
    /** Reaches RUNNING, then its essential container exits with 1. */
    CRASH,
    /** Only acks: reports nothing, not even when asked to stop. */
    HANG
  }

  final String instance;
  private final Fixture fixture;
  private final String cluster;
  private final Function<String, Behaviour> behaviourByFamily;
  private final ExecutorService reporter = Executors.newSingleThreadExecutor();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final List<Integer> runningTimeline = new ArrayList<>();
  private final AcsTestClient acs;

  private FakeAgent(Fixture fixture, String cluster, String instance, Function<String, Behaviour> behaviourByFamily) {
    this.fixture = fixture;
    this.cluster = cluster;
    this.instance = instance;
    this.behaviourByFamily = behaviourByFamily;
    this.acs = AcsTestClient.connect(fixture.emulator.endpoint(), cluster, instance, this::received);
    await().atMost(AcsTestClient.TIMEOUT).until(() -> fixture.ecs.describeContainerInstances(
        r -> r.cluster(cluster).containerInstances(instance)).containerInstances().get(0).agentConnected());
  }

  /** Registers an instance with the resources and custom attributes, and connects; every task RUNs. */
  static FakeAgent start(Fixture fixture, String cluster, int cpu, int memory, Map<String, String> attributes) {
    return start(fixture, cluster, cpu, memory, attributes, family -> Behaviour.RUN);
  }

  static FakeAgent start(Fixture fixture, String cluster, int cpu, int memory, Map<String, String> attributes,
      Function<String, Behaviour> behaviourByFamily) {
    List<Attribute> all = new ArrayList<>(List.of(Attribute.builder().name("ecs.cpu-architecture").value("x86_64").build()));
    attributes.forEach((k, v) -> all.add(Attribute.builder().name(k).value(v).build()));
    String instance = fixture.ecs.registerContainerInstance(r -> r.cluster(cluster)
            .totalResources(Fixture.resources(cpu, memory)).attributes(all)
            .versionInfo(v -> v.agentVersion("1.0.0").agentHash("abc").dockerVersion("DockerVersion: 27.0.0")))
        .containerInstance().containerInstanceArn();
    return new FakeAgent(fixture, cluster, instance, behaviourByFamily);
  }

  /** How many tasks this agent had running after each change it reported, oldest first. */
  List<Integer> runningTimeline() {
    synchronized (runningTimeline) {
      return List.copyOf(runningTimeline);
    }
  }

  Set<String> running() {
    return Set.copyOf(running);
  }

  AcsTestClient acs() {
    return acs;
  }

  private void received(AcsMessage message) {
    if (!(message instanceof PayloadMessage payload)) {
      return;
    }
    acs.send(new AckRequest(cluster, instance, payload.messageId()));
    List<AcsMessages.Task> tasks = List.copyOf(payload.tasks());
    reporter.execute(() -> tasks.forEach(this::handle));
  }

  private void handle(AcsMessages.Task task) {
    String container = task.containers().get(0).name();
    Behaviour behaviour = behaviourByFamily.apply(task.family());
    if (behaviour == Behaviour.HANG) {
      return;
    }
    if ("STOPPED".equals(task.desiredStatus())) {
      if (seen.add(task.arn() + "/stopped")) {
        report(task.arn(), container, "STOPPED", 0, null);
      }
      return;
    }
    if (!seen.add(task.arn())) {
      return;
    }
    switch (behaviour) {
      case RUN -> report(task.arn(), container, "RUNNING", null, null);
      case FAIL_TO_START -> {
        seen.add(task.arn() + "/stopped");
        report(task.arn(), container, "STOPPED", null, "CannotPullContainerError: pull access denied");
      }
      case CRASH -> {
        report(task.arn(), container, "RUNNING", null, null);
        seen.add(task.arn() + "/stopped");
        report(task.arn(), container, "STOPPED", 1, null);
      }
      case HANG -> { }
    }
  }

  private void report(String task, String container, String status, Integer exitCode, String reason) {
    fixture.ecs.submitTaskStateChange(r -> r.cluster(cluster).task(task).status(status)
        .containers(ContainerStateChange.builder().containerName(container).status(status).exitCode(exitCode)
            .reason(reason).runtimeId("rt-" + task.substring(task.length() - 8)).build()));
    boolean changed = "RUNNING".equals(status) ? running.add(task) : running.remove(task);
    if (changed) {
      synchronized (runningTimeline) {
        runningTimeline.add(running.size());
      }
    }
  }

  @Override
  public void close() {
    acs.close();
    reporter.shutdownNow();
  }
}
