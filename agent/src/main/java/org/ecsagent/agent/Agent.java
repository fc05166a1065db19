package org.ecsagent.agent;

import com.codahale.metrics.MetricRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ecsagent.agent.acs.AcsSession;
import org.ecsagent.agent.config.AgentConfig;
import org.ecsagent.agent.controlplane.ControlPlane;
import org.ecsagent.agent.controlplane.ControlPlane.Registration;
import org.ecsagent.agent.controlplane.EcsControlPlane;
import org.ecsagent.agent.controlplane.InstanceRegistrar;
import org.ecsagent.agent.docker.DockerGateway;
import org.ecsagent.agent.docker.DockerJavaGateway;
import org.ecsagent.agent.engine.CrashPoints;
import org.ecsagent.agent.engine.EngineSettings;
import org.ecsagent.agent.endpoints.LocalEndpoints;
import org.ecsagent.agent.engine.TaskEngine;
import org.ecsagent.agent.state.InMemoryStateStore;
import org.ecsagent.agent.state.SqliteStateStore;
import org.ecsagent.agent.state.StateStore;
import org.ecsagent.agent.statechange.StateChangeReporter;
import org.ecsagent.agent.taskcredentials.TaskCredentialsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The agent's object graph, built in one readable place: Docker gateway, control-plane client,
 * registration, task engine, state-change reporter, local endpoints and the ACS session.
 * {@link #start} returns once the instance is registered and everything is running.
 */
public final class Agent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Agent.class);

  private final AgentConfig config;
  private final String containerInstanceArn;
  private final TaskEngine engine;
  private final AcsSession acs;
  private final MetricRegistry metrics;
  private final List<AutoCloseable> resources; // closed in reverse order

  private Agent(AgentConfig config, String containerInstanceArn, TaskEngine engine, AcsSession acs,
      MetricRegistry metrics, List<AutoCloseable> resources) {
    this.config = config;
    this.containerInstanceArn = containerInstanceArn;
    this.engine = engine;
    this.acs = acs;
    this.metrics = metrics;
    this.resources = resources;
  }

  /** Knobs that are not operator configuration: fault injection and protocol timings for tests. */
  public record Options(CrashPoints crashPoints, AcsSession.Timing acsTiming) {
    public static Options defaults() {
      return new Options(CrashPoints.none(), AcsSession.Timing.defaults());
    }

    public Options withCrashPoints(CrashPoints c) {
      return new Options(c, acsTiming);
    }

    public Options withAcsTiming(AcsSession.Timing t) {
      return new Options(crashPoints, t);
    }
  }

  public static Agent start(AgentConfig config, AwsCredentialsProvider credentials, Clock clock)
      throws InterruptedException {
    return start(config, credentials, clock, Options.defaults());
  }

  public static Agent start(AgentConfig config, AwsCredentialsProvider credentials, Clock clock, Options options)
      throws InterruptedException {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      return start(config, credentials, clock, options, resources);
    } catch (InterruptedException | RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  private static Agent start(AgentConfig config, AwsCredentialsProvider credentials, Clock clock, Options options,
      List<AutoCloseable> resources) throws InterruptedException {
    CrashPoints crashPoints = options.crashPoints();
    MetricRegistry metrics = new MetricRegistry();
    SecureRandom random = new SecureRandom();
    Region region = resolveRegion(config);

    StateStore store = config.checkpoint() ? SqliteStateStore.open(config.dataDir(), clock) : new InMemoryStateStore();
    resources.add(store);
    Optional<String> savedArn = store.containerInstanceArn()
        .filter(arn -> store.cluster().map(config.cluster()::equals).orElse(false));
    if (store.containerInstanceArn().isPresent() && savedArn.isEmpty()) {
      log.warn("saved container instance {} belongs to cluster {}, not {}: registering a new instance",
          store.containerInstanceArn().get(), store.cluster().orElse("?"), config.cluster());
    }

    DockerGateway docker = DockerJavaGateway.connect(config.dockerHost(), clock);
    resources.add(docker);
    ControlPlane controlPlane = EcsControlPlane.create(region, config.backendHost(), credentials);
    resources.add(controlPlane);

    var host = docker.hostResources();
    long memoryMiB = host.memoryBytes() / (1024 * 1024) - config.reservedMemoryMiB();
    Registration registration = new Registration(config.cluster(), host.cpus() * 1024, memoryMiB,
        reservedPorts(config), config.reservedPortsUdp(),
        InstanceRegistrar.attributes(docker.version().apiVersion(), config.availableLoggingDrivers(),
            config.instanceAttributes()),
        AgentVersion.version(), AgentVersion.hash(), docker.version().version(), savedArn);
    String arn = new InstanceRegistrar(controlPlane, clock, d -> Thread.sleep(d.toMillis())).register(registration);
    store.saveContainerInstanceArn(config.cluster(), arn);

    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, new DefaultThreadFactory("agent-scheduler", true));
    resources.add(() -> shutdown(scheduler));
    ExecutorService engineLoop = Executors.newSingleThreadExecutor(new DefaultThreadFactory("task-engine", true));
    resources.add(() -> shutdown(engineLoop));
    ExecutorService dockerWorkers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("docker-", 0).factory());
    resources.add(() -> shutdown(dockerWorkers));

    StateChangeReporter reporter = new StateChangeReporter(controlPlane, store, config.cluster(), scheduler,
        StateChangeReporter.defaultBackoff(), crashPoints, metrics);
    resources.add(reporter);
    EngineSettings engineSettings = EngineSettings.from(config)
        .withCapacity(registration.cpu(), registration.memoryMiB(), registration.reservedPorts());
    TaskCredentialsStore taskCredentials = new TaskCredentialsStore(random);
    TaskEngine engine = new TaskEngine(engineSettings, docker, store, reporter, taskCredentials, engineLoop,
        dockerWorkers, scheduler, clock, random, crashPoints, metrics);
    resources.add(engine);
    reporter.resume(); // before the engine restores tasks, which may queue new changes
    engine.start();

    resources.addAll(LocalEndpoints.start(config, engine, taskCredentials, metrics, arn));

    EventLoopGroup acsLoop = new NioEventLoopGroup(1, new DefaultThreadFactory("acs", true));
    resources.add(() -> acsLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());
    AcsSession acs = new AcsSession(
        new AcsSession.Identity(config.cluster(), arn, AgentVersion.version(), AgentVersion.hash(),
            docker.version().version()),
        controlPlane, credentials, region.id(), engine, acsLoop, scheduler, random, crashPoints,
        options.acsTiming(), metrics);
    resources.add(acs);
    acs.start();
    log.info("agent {} started: cluster {}, container instance {}", AgentVersion.version(), config.cluster(), arn);
    return new Agent(config, arn, engine, acs, metrics, resources);
  }

  /** The operator's reserved ports plus the agent's own enabled listeners, so no task is placed on them. */
  static List<Integer> reservedPorts(AgentConfig config) {
    java.util.TreeSet<Integer> ports = new java.util.TreeSet<>(config.reservedPorts());
    for (int own : List.of(config.introspectionPort(), config.endpointPort(), config.metricsPort())) {
      if (own != 0) {
        ports.add(own);
      }
    }
    return List.copyOf(ports);
  }

  private static Region resolveRegion(AgentConfig config) {
    if (config.region().isPresent()) {
      return Region.of(config.region().get());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot determine the AWS region: set AWS_REGION or AWS_DEFAULT_REGION ("
          + e.getMessage() + ")", e);
    }
  }

  public String containerInstanceArn() {
    return containerInstanceArn;
  }

  public TaskEngine engine() {
    return engine;
  }

  public boolean acsConnected() {
    return acs.isConnected();
  }

  public MetricRegistry metrics() {
    return metrics;
  }

  public AgentConfig config() {
    return config;
  }

  @Override
  public void close() {
    log.info("agent stopping");
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    List<AutoCloseable> reversed = new ArrayList<>(resources);
    Collections.reverse(reversed);
    for (AutoCloseable r : reversed) {
      try {
        r.close();
      } catch (Exception e) {
        log.warn("error while shutting down: {}", e.getMessage());
      }
    }
    resources.clear();
  }

  private static void shutdown(ExecutorService executor) throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
