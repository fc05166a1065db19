package org.ecsagent.emulator;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.ecsagent.emulator.acs.AcsEndpoint;
import org.ecsagent.emulator.api.AwsJson;
import org.ecsagent.emulator.api.CallFilter;
import org.ecsagent.emulator.api.EcsApiHandler;
import org.ecsagent.emulator.api.OperationTable;
import org.ecsagent.emulator.arn.Arns;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.emulator.clusters.ClusterCounts;
import org.ecsagent.emulator.clusters.ClusterOperations;
import org.ecsagent.emulator.clusters.Clusters;
import org.ecsagent.emulator.control.ControlHandler;
import org.ecsagent.emulator.faults.FaultControls;
import org.ecsagent.emulator.faults.Faults;
import org.ecsagent.emulator.instances.ContainerInstanceState;
import org.ecsagent.emulator.instances.ContainerInstances;
import org.ecsagent.emulator.instances.AttributeOperations;
import org.ecsagent.emulator.instances.InstanceOperations;
import org.ecsagent.emulator.placement.Placer;
import org.ecsagent.emulator.services.ServiceOperations;
import org.ecsagent.emulator.tags.ResourceTags;
import org.ecsagent.emulator.tags.TagOperations;
import org.ecsagent.emulator.recording.ReceivedStateChange;
import org.ecsagent.emulator.recording.StateChangeLog;
import org.ecsagent.emulator.server.EmulatorServer;
import org.ecsagent.emulator.taskdefs.TaskDefinitionOperations;
import org.ecsagent.emulator.taskdefs.TaskDefinitions;
import org.ecsagent.emulator.tasks.LifecycleStatus;
import org.ecsagent.emulator.tasks.StateChangeOperations;
import org.ecsagent.emulator.tasks.TaskLauncher;
import org.ecsagent.emulator.tasks.TaskOperations;
import org.ecsagent.emulator.tasks.Tasks;

/**
 * An emulated ECS control plane on one port: the ECS JSON API (for the AWS CLI, the SDKs and the
 * agent) and the ACS websocket the agent connects to. State lives in memory.
 *
 * <pre>
 *   try (Emulator emulator = Emulator.start(EmulatorOptions.defaults().withPort(0))) {
 *     EcsClient ecs = EcsClient.builder().endpointOverride(emulator.endpoint())...build();
 *   }
 * </pre>
 *
 * This class is the wiring: it builds every part and hands each its collaborators.
 */
public final class Emulator implements AutoCloseable {
  private final EmulatorServer server;
  private final StateThread stateThread;
  private final Faults faults;
  private final StateChangeLog stateChanges;
  private final URI endpoint;
  private final AcsEndpoint acs;

  private Emulator(EmulatorServer server, StateThread stateThread, Faults faults, StateChangeLog stateChanges,
      String host, AcsEndpoint acs) {
    this.acs = acs;
    this.server = server;
    this.stateThread = stateThread;
    this.faults = faults;
    this.stateChanges = stateChanges;
    this.endpoint = URI.create("http://" + reachable(host) + ":" + server.port());
  }

  /** Starts serving on the configured host and port; fails if the port cannot be bound. */
  public static Emulator start(EmulatorOptions options) {
    StateThread stateThread = new StateThread();
    RandomGenerator random = new LockedRandom(options.random());
    IdGenerator ids = new IdGenerator(random);
    Arns arns = new Arns(options.region());
    Clock clock = options.clock();

    Clusters clusters = new Clusters(arns);
    TaskDefinitions definitions = new TaskDefinitions();
    ContainerInstances instances = new ContainerInstances(arns, ids, clock);
    Tasks tasks = new Tasks();
    AcsEndpoint acs = new AcsEndpoint(clusters, instances, tasks, ids, clock, random, stateThread);
    FaultControls faultControls = new FaultControls(acs, clock);
    StateChangeLog stateChanges = new StateChangeLog(clock);
    CallFilter filter = stateChanges.around(faultControls.apiFilter());

    ResourceTags tags = new ResourceTags();
    TaskLauncher launcher = new TaskLauncher(tasks, acs.dispatcher(), new Placer(random, tasks), tags, arns, ids, clock);
    ServiceOperations services = new ServiceOperations(clusters, definitions, instances, tasks, launcher, tags, arns,
        ids, clock);

    ClusterCounts.Counter counter = clusterArn -> new ClusterCounts(
        (int) instances.inCluster(clusterArn).stream().filter(ContainerInstanceState::isRegistered).count(),
        tasks.count(clusterArn, LifecycleStatus.RUNNING),
        tasks.count(clusterArn, LifecycleStatus.PENDING),
        services.activeServices(clusterArn));
    OperationTable operations = new OperationTable();
    new ClusterOperations(clusters, counter, arns, tags).registerWith(operations);
    new TaskDefinitionOperations(definitions, arns, clock, tags).registerWith(operations);
    new InstanceOperations(clusters, instances, tasks, tags, acs::deregistered).registerWith(operations);
    new AttributeOperations(clusters, instances).registerWith(operations);
    new TaskOperations(clusters, definitions, instances, tasks, launcher, tags).registerWith(operations);
    new StateChangeOperations(clusters, tasks, ids, clock).registerWith(operations);
    services.registerWith(operations);
    new TagOperations(tags, arn -> exists(arn, clusters, definitions, instances, tasks, services))
        .registerWith(operations);

    stateThread.every(options.heartbeatInterval(), () -> {
      acs.heartbeat();
      acs.sendManifests(); // agents verify and stop tasks the control plane no longer runs there
    });
    stateThread.every(options.tickInterval(), () -> {
      acs.tick();
      services.tick();
    });
    try {
      EmulatorServer server = EmulatorServer.start(options.host(), options.port(), new EmulatorServer.Handlers(
          acs.admission(), acs::newFrameHandler,
          new ControlHandler(faultControls, stateChanges, stateThread, AwsJson.newMapper()),
          new EcsApiHandler(operations, stateThread, AwsJson.newMapper(), ids, filter)));
      return new Emulator(server, stateThread, new Faults(faultControls, stateThread), stateChanges, options.host(),
          acs);
    } catch (InterruptedException e) {
      stateThread.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the emulator", e);
    } catch (RuntimeException e) {
      stateThread.close();
      throw e;
    }
  }

  /** Sends every connected agent its TaskManifestMessage now (they also go out with each heartbeat). */
  public void sendTaskManifests() {
    java.util.concurrent.CompletableFuture.runAsync(acs::sendManifests, stateThread::execute).join();
  }

  /** The base URL of the ECS API and of ACS, e.g. {@code http://127.0.0.1:8765}. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return server.port();
  }

  /** Fault controls for tests (drop, refuse, delay, hold, replay ACS messages; fail API calls); all off by default. */
  public Faults faults() {
    return faults;
  }

  /**
   * Every SubmitTaskStateChange and SubmitContainerStateChange received so far, in the order the
   * emulator handled them, duplicates and refused calls included.
   */
  public List<ReceivedStateChange> receivedStateChanges() {
    return CompletableFuture.supplyAsync(stateChanges::all, stateThread).join();
  }

  /** Blocks until {@link #close()} is called. */
  void awaitClosed() throws InterruptedException {
    server.awaitClosed();
  }

  /** Stops listening, ends every connection and drops all state. */
  @Override
  public void close() {
    server.close();
    stateThread.close();
  }

  /** Whether the ARN names a resource the emulator knows, for tagging. */
  private static boolean exists(String arn, Clusters clusters, TaskDefinitions definitions,
      ContainerInstances instances, Tasks tasks, ServiceOperations services) {
    return switch (Arns.resourceType(arn)) {
      case "cluster" -> clusters.find(arn).filter(c -> c.arn().equals(arn)).isPresent();
      case "task-definition" -> definitions.find(arn).filter(d -> d.taskDefinitionArn().equals(arn)).isPresent();
      case "container-instance" -> instances.find(arn).filter(i -> i.arn().equals(arn)).isPresent();
      case "task" -> tasks.find(arn).filter(t -> t.arn().equals(arn)).isPresent();
      case "service" -> services.exists(arn);
      default -> false;
    };
  }

  /** A wildcard bind is reachable on loopback; IPv6 literals need brackets in a URL. */
  private static String reachable(String host) {
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      return "127.0.0.1";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
