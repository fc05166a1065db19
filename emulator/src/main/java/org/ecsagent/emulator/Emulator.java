package org.ecsagent.emulator;

import java.net.URI;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.ecsagent.emulator.acs.AcsEndpoint;
import org.ecsagent.emulator.api.AwsJson;
import org.ecsagent.emulator.api.EcsApiHandler;
import org.ecsagent.emulator.api.OperationTable;
import org.ecsagent.emulator.arn.Arns;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.emulator.clusters.ClusterCounts;
import org.ecsagent.emulator.clusters.ClusterOperations;
import org.ecsagent.emulator.clusters.Clusters;
import org.ecsagent.emulator.instances.ContainerInstanceState;
import org.ecsagent.emulator.instances.ContainerInstances;
import org.ecsagent.emulator.instances.InstanceOperations;
import org.ecsagent.emulator.server.EmulatorServer;
import org.ecsagent.emulator.taskdefs.TaskDefinitionOperations;
import org.ecsagent.emulator.taskdefs.TaskDefinitions;
import org.ecsagent.emulator.tasks.LifecycleStatus;
import org.ecsagent.emulator.tasks.StateChangeOperations;
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
  private final URI endpoint;

  private Emulator(EmulatorServer server, StateThread stateThread, String host) {
    this.server = server;
    this.stateThread = stateThread;
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
    AcsEndpoint acs = new AcsEndpoint(clusters, instances, tasks, ids, clock, stateThread);

    ClusterCounts.Counter counter = clusterArn -> new ClusterCounts(
        (int) instances.inCluster(clusterArn).stream().filter(ContainerInstanceState::isActive).count(),
        tasks.count(clusterArn, LifecycleStatus.RUNNING),
        tasks.count(clusterArn, LifecycleStatus.PENDING));
    OperationTable operations = new OperationTable();
    new ClusterOperations(clusters, counter, arns).registerWith(operations);
    new TaskDefinitionOperations(definitions, arns, clock).registerWith(operations);
    new InstanceOperations(clusters, instances, tasks, acs::deregistered).registerWith(operations);
    new TaskOperations(clusters, definitions, instances, tasks, acs.dispatcher(), arns, ids, clock, random)
        .registerWith(operations);
    new StateChangeOperations(clusters, tasks, ids, clock).registerWith(operations);

    stateThread.every(options.heartbeatInterval(), acs::heartbeat);
    try {
      EmulatorServer server = EmulatorServer.start(options.host(), options.port(),
          new EcsApiHandler(operations, stateThread, AwsJson.newMapper(), ids), acs::newFrameHandler);
      return new Emulator(server, stateThread, options.host());
    } catch (InterruptedException e) {
      stateThread.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the emulator", e);
    } catch (RuntimeException e) {
      stateThread.close();
      throw e;
    }
  }

  /** The base URL of the ECS API and of ACS, e.g. {@code http://127.0.0.1:8765}. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return server.port();
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

  /** A wildcard bind is reachable on loopback; IPv6 literals need brackets in a URL. */
  private static String reachable(String host) {
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      return "127.0.0.1";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
