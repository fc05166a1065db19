package org.ecsagent.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's configuration: the original agent's variables (names, defaults and Go value syntax
 * kept, so an existing {@code /etc/ecs/ecs.config} works), read once at start-up.
 *
 * <p>Sources, highest precedence first: the process environment; the file {@code ECS_CONFIG_FILE}
 * names, or else {@code /etc/ecs/ecs.config} (format in {@link EcsConfigFile}); the defaults. An
 * empty or blank value counts as unset. Unknown {@code ECS_*} variables are ignored.
 *
 * <p>Values are checked only where they come in ({@link #load}, {@link #fromValues}): a bad value
 * is a {@link ConfigException} listing every problem, never a silent default. The canonical
 * constructor and the {@link Builder} only reject nulls, so tests may use, say, a 100ms stop
 * timeout that an operator may not:
 * <pre>{@code
 * AgentConfig config = AgentConfig.defaults().toBuilder().cluster("c").dataDir(dir).introspectionPort(0).build();
 * }</pre>
 */
public record AgentConfig(
    String cluster,
    Optional<URI> backendHost,
    Path dataDir,
    boolean checkpoint,
    LogLevel logLevel,
    List<Integer> reservedPorts,
    List<Integer> reservedPortsUdp,
    int reservedMemoryMiB,
    Duration containerStopTimeout,
    Duration containerStartTimeout,
    Duration taskCleanupWaitDuration,
    Map<String, String> instanceAttributes,
    Optional<String> region,
    URI dockerHost,
    int introspectionPort,
    int endpointPort,
    int metricsPort,
    ImagePullBehavior imagePullBehavior,
    List<String> availableLoggingDrivers,
    boolean disablePrivileged,
    Duration imagePullInactivityTimeout,
    Duration imagePullTimeout,
    Optional<Path> logFile,
    Optional<URI> imdsEndpoint,
    TaskMetadataRateLimit taskMetadataRpsLimit,
    Duration pollingMetricsWaitDuration,
    EngineAuth engineAuth) {

  // The original's Linux defaults (agent/config/config_unix.go); the data dir is its host path,
  // since this agent runs on the host rather than in a container with /var/lib/ecs/data at /data.
  private static final AgentConfig DEFAULTS = new AgentConfig(
      "default",
      Optional.empty(),
      Path.of("/var/lib/ecs/data"),
      true,
      LogLevel.INFO,
      List.of(22, 2375, 2376, 51678, 51679),
      List.of(),
      0,
      Duration.ofSeconds(30),
      Duration.ofMinutes(3),
      Duration.ofHours(3),
      Map.of(),
      Optional.empty(),
      URI.create("unix:///var/run/docker.sock"),
      51678,
      51679,
      51680,
      ImagePullBehavior.DEFAULT,
      List.of("json-file", "none"),
      false,
      Duration.ofMinutes(1),
      Duration.ofHours(2),
      Optional.empty(),
      Optional.empty(),
      TaskMetadataRateLimit.DEFAULT,
      Duration.ofSeconds(10),
      EngineAuth.NONE);

  private static final ObjectMapper JSON = new ObjectMapper();

  public AgentConfig {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(backendHost, "backendHost");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(logLevel, "logLevel");
    reservedPorts = List.copyOf(reservedPorts);
    reservedPortsUdp = List.copyOf(reservedPortsUdp);
    Objects.requireNonNull(containerStopTimeout, "containerStopTimeout");
    Objects.requireNonNull(containerStartTimeout, "containerStartTimeout");
    Objects.requireNonNull(taskCleanupWaitDuration, "taskCleanupWaitDuration");
    instanceAttributes = orderedCopy(instanceAttributes);
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(dockerHost, "dockerHost");
    Objects.requireNonNull(imagePullBehavior, "imagePullBehavior");
    availableLoggingDrivers = List.copyOf(availableLoggingDrivers);
    Objects.requireNonNull(imagePullInactivityTimeout, "imagePullInactivityTimeout");
    Objects.requireNonNull(imagePullTimeout, "imagePullTimeout");
    Objects.requireNonNull(logFile, "logFile");
    Objects.requireNonNull(imdsEndpoint, "imdsEndpoint");
    Objects.requireNonNull(taskMetadataRpsLimit, "taskMetadataRpsLimit");
    Objects.requireNonNull(engineAuth, "engineAuth");
    Objects.requireNonNull(pollingMetricsWaitDuration, "pollingMetricsWaitDuration");
  }

  /**
   * The configuration of this process: {@code environment} over the config file over the defaults.
   * The file is {@code ECS_CONFIG_FILE} if set (then it must exist), else {@code /etc/ecs/ecs.config}
   * (which may be absent).
   *
   * @param environment usually {@code System.getenv()}
   * @throws ConfigException listing every problem found in the file and the values
   */
  public static AgentConfig load(Map<String, String> environment) {
    return load(environment, EcsConfigFile.DEFAULT_PATH);
  }

  static AgentConfig load(Map<String, String> environment, Path defaultFile) {
    EcsConfigFile.Contents file = readConfigFile(environment, defaultFile);
    Map<String, Setting> settings = new HashMap<>(file.settings());
    // An empty variable in the environment is unset, so it does not hide the file's value.
    environment.forEach((name, value) -> {
      if (value != null && !value.isBlank()) {
        settings.put(name, Setting.of(value));
      }
    });
    return ConfigParser.parse(settings, file.problems());
  }

  private static EcsConfigFile.Contents readConfigFile(Map<String, String> environment, Path defaultFile) {
    String named = environment.get(Variables.ECS_CONFIG_FILE);
    if (named == null || named.isBlank()) {
      return EcsConfigFile.read(defaultFile, false);
    }
    try {
      return EcsConfigFile.read(Path.of(named.strip()), true);
    } catch (InvalidPathException e) {
      return EcsConfigFile.Contents.problem(
          Variables.ECS_CONFIG_FILE + "=" + ConfigParser.quote(named) + ": not a valid path");
    }
  }

  /**
   * The configuration {@code values} (variable name to value) describe, defaults for the rest; no
   * file is read. For tests and embedding.
   *
   * @throws ConfigException listing every problem
   */
  public static AgentConfig fromValues(Map<String, String> values) {
    Map<String, Setting> settings = new HashMap<>();
    values.forEach((name, value) -> settings.put(name, Setting.of(value == null ? "" : value)));
    return ConfigParser.parse(settings, List.of());
  }

  /** The original agent's defaults (adapted to running on the host); see the README table. */
  public static AgentConfig defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults; same as {@code defaults().toBuilder()}. */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Variable name to effective value, in the syntax operators write (Go durations, JSON lists), for
   * the start-up log line; an unset optional value is {@code ""}. {@code fromValues(describe())}
   * gives this configuration back, except for registry credentials (ECS_ENGINE_AUTH_TYPE/_DATA),
   * which are secret and left out.
   */
  public Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(Variables.ECS_CLUSTER, cluster);
    out.put(Variables.ECS_BACKEND_HOST, backendHost.map(URI::toString).orElse(""));
    out.put(Variables.ECS_DATADIR, dataDir.toString());
    out.put(Variables.ECS_CHECKPOINT, String.valueOf(checkpoint));
    out.put(Variables.ECS_LOGLEVEL, logLevel.configValue());
    out.put(Variables.ECS_RESERVED_PORTS, json(reservedPorts));
    out.put(Variables.ECS_RESERVED_PORTS_UDP, json(reservedPortsUdp));
    out.put(Variables.ECS_RESERVED_MEMORY, String.valueOf(reservedMemoryMiB));
    out.put(Variables.ECS_CONTAINER_STOP_TIMEOUT, GoDuration.format(containerStopTimeout));
    out.put(Variables.ECS_CONTAINER_START_TIMEOUT, GoDuration.format(containerStartTimeout));
    out.put(Variables.ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION, GoDuration.format(taskCleanupWaitDuration));
    out.put(Variables.ECS_INSTANCE_ATTRIBUTES, json(instanceAttributes));
    out.put(Variables.AWS_REGION, region.orElse(""));
    out.put(Variables.DOCKER_HOST, dockerHost.toString());
    out.put(Variables.ECS_AGENT_INTROSPECTION_PORT, String.valueOf(introspectionPort));
    out.put(Variables.ECS_AGENT_ENDPOINT_PORT, String.valueOf(endpointPort));
    out.put(Variables.ECS_AGENT_METRICS_PORT, String.valueOf(metricsPort));
    out.put(Variables.ECS_IMAGE_PULL_BEHAVIOR, imagePullBehavior.configValue());
    out.put(Variables.ECS_AVAILABLE_LOGGING_DRIVERS, json(availableLoggingDrivers));
    out.put(Variables.ECS_DISABLE_PRIVILEGED, String.valueOf(disablePrivileged));
    out.put(Variables.ECS_IMAGE_PULL_INACTIVITY_TIMEOUT, GoDuration.format(imagePullInactivityTimeout));
    out.put(Variables.ECS_IMAGE_PULL_TIMEOUT, GoDuration.format(imagePullTimeout));
    out.put(Variables.ECS_LOGFILE, logFile.map(Path::toString).orElse(""));
    out.put(Variables.AWS_EC2_METADATA_SERVICE_ENDPOINT, imdsEndpoint.map(URI::toString).orElse(""));
    out.put(Variables.ECS_TASK_METADATA_RPS_LIMIT, taskMetadataRpsLimit.configValue());
    out.put(Variables.ECS_POLLING_METRICS_WAIT_DURATION, GoDuration.format(pollingMetricsWaitDuration));
    // ECS_ENGINE_AUTH_TYPE/_DATA are left out on purpose: the data holds registry passwords.
    return Collections.unmodifiableMap(out);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
    }
  }

  private static Map<String, String> orderedCopy(Map<String, String> map) {
    Map<String, String> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "attribute name"), Objects.requireNonNull(v, k)));
    return Collections.unmodifiableMap(copy);
  }

  /** A copy of a configuration with some values changed; no checks beyond non-null (see the class comment). */
  public static final class Builder {
    private String cluster;
    private Optional<URI> backendHost;
    private Path dataDir;
    private boolean checkpoint;
    private LogLevel logLevel;
    private List<Integer> reservedPorts;
    private List<Integer> reservedPortsUdp;
    private int reservedMemoryMiB;
    private Duration containerStopTimeout;
    private Duration containerStartTimeout;
    private Duration taskCleanupWaitDuration;
    private Map<String, String> instanceAttributes;
    private Optional<String> region;
    private URI dockerHost;
    private int introspectionPort;
    private int endpointPort;
    private int metricsPort;
    private ImagePullBehavior imagePullBehavior;
    private List<String> availableLoggingDrivers;
    private boolean disablePrivileged;
    private Duration imagePullInactivityTimeout;
    private Duration imagePullTimeout;
    private Optional<Path> logFile;
    private Optional<URI> imdsEndpoint;
    private TaskMetadataRateLimit taskMetadataRpsLimit;
    private Duration pollingMetricsWaitDuration;
    private EngineAuth engineAuth;

    private Builder(AgentConfig c) {
      cluster = c.cluster;
      backendHost = c.backendHost;
      dataDir = c.dataDir;
      checkpoint = c.checkpoint;
      logLevel = c.logLevel;
      reservedPorts = c.reservedPorts;
      reservedPortsUdp = c.reservedPortsUdp;
      reservedMemoryMiB = c.reservedMemoryMiB;
      containerStopTimeout = c.containerStopTimeout;
      containerStartTimeout = c.containerStartTimeout;
      taskCleanupWaitDuration = c.taskCleanupWaitDuration;
      instanceAttributes = c.instanceAttributes;
      region = c.region;
      dockerHost = c.dockerHost;
      introspectionPort = c.introspectionPort;
      endpointPort = c.endpointPort;
      metricsPort = c.metricsPort;
      imagePullBehavior = c.imagePullBehavior;
      availableLoggingDrivers = c.availableLoggingDrivers;
      disablePrivileged = c.disablePrivileged;
      imagePullInactivityTimeout = c.imagePullInactivityTimeout;
      imagePullTimeout = c.imagePullTimeout;
      logFile = c.logFile;
      imdsEndpoint = c.imdsEndpoint;
      taskMetadataRpsLimit = c.taskMetadataRpsLimit;
      pollingMetricsWaitDuration = c.pollingMetricsWaitDuration;
      engineAuth = c.engineAuth;
    }

    public Builder engineAuth(EngineAuth engineAuth) {
      this.engineAuth = engineAuth;
      return this;
    }

    public Builder cluster(String cluster) {
      this.cluster = cluster;
      return this;
    }

    public Builder backendHost(Optional<URI> backendHost) {
      this.backendHost = backendHost;
      return this;
    }

    public Builder backendHost(URI backendHost) {
      return backendHost(Optional.of(backendHost));
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder checkpoint(boolean checkpoint) {
      this.checkpoint = checkpoint;
      return this;
    }

    public Builder logLevel(LogLevel logLevel) {
      this.logLevel = logLevel;
      return this;
    }

    public Builder reservedPorts(List<Integer> reservedPorts) {
      this.reservedPorts = reservedPorts;
      return this;
    }

    public Builder reservedPortsUdp(List<Integer> reservedPortsUdp) {
      this.reservedPortsUdp = reservedPortsUdp;
      return this;
    }

    public Builder reservedMemoryMiB(int reservedMemoryMiB) {
      this.reservedMemoryMiB = reservedMemoryMiB;
      return this;
    }

    public Builder containerStopTimeout(Duration containerStopTimeout) {
      this.containerStopTimeout = containerStopTimeout;
      return this;
    }

    public Builder containerStartTimeout(Duration containerStartTimeout) {
      this.containerStartTimeout = containerStartTimeout;
      return this;
    }

    public Builder taskCleanupWaitDuration(Duration taskCleanupWaitDuration) {
      this.taskCleanupWaitDuration = taskCleanupWaitDuration;
      return this;
    }

    public Builder instanceAttributes(Map<String, String> instanceAttributes) {
      this.instanceAttributes = instanceAttributes;
      return this;
    }

    public Builder region(Optional<String> region) {
      this.region = region;
      return this;
    }

    public Builder region(String region) {
      return region(Optional.of(region));
    }

    public Builder dockerHost(URI dockerHost) {
      this.dockerHost = dockerHost;
      return this;
    }

    /** 0 disables the introspection listener. */
    public Builder introspectionPort(int introspectionPort) {
      this.introspectionPort = introspectionPort;
      return this;
    }

    /** 0 disables the task metadata and credentials listener. */
    public Builder endpointPort(int endpointPort) {
      this.endpointPort = endpointPort;
      return this;
    }

    /** 0 disables the metrics listener. */
    public Builder metricsPort(int metricsPort) {
      this.metricsPort = metricsPort;
      return this;
    }

    public Builder imagePullBehavior(ImagePullBehavior imagePullBehavior) {
      this.imagePullBehavior = imagePullBehavior;
      return this;
    }

    public Builder availableLoggingDrivers(List<String> availableLoggingDrivers) {
      this.availableLoggingDrivers = availableLoggingDrivers;
      return this;
    }

    public Builder disablePrivileged(boolean disablePrivileged) {
      this.disablePrivileged = disablePrivileged;
      return this;
    }

    public Builder imagePullInactivityTimeout(Duration imagePullInactivityTimeout) {
      this.imagePullInactivityTimeout = imagePullInactivityTimeout;
      return this;
    }

    public Builder imagePullTimeout(Duration imagePullTimeout) {
      this.imagePullTimeout = imagePullTimeout;
      return this;
    }

    public Builder logFile(Optional<Path> logFile) {
      this.logFile = logFile;
      return this;
    }

    public Builder logFile(Path logFile) {
      return logFile(Optional.of(logFile));
    }

    public Builder imdsEndpoint(Optional<URI> imdsEndpoint) {
      this.imdsEndpoint = imdsEndpoint;
      return this;
    }

    public Builder imdsEndpoint(URI imdsEndpoint) {
      return imdsEndpoint(Optional.of(imdsEndpoint));
    }

    public Builder taskMetadataRpsLimit(TaskMetadataRateLimit taskMetadataRpsLimit) {
      this.taskMetadataRpsLimit = taskMetadataRpsLimit;
      return this;
    }

    /** How often container stats are polled from Docker. */
    public Builder pollingMetricsWaitDuration(Duration pollingMetricsWaitDuration) {
      this.pollingMetricsWaitDuration = pollingMetricsWaitDuration;
      return this;
    }

    /** @throws NullPointerException if a value was set to null */
    public AgentConfig build() {
      return new AgentConfig(cluster, backendHost, dataDir, checkpoint, logLevel, reservedPorts, reservedPortsUdp,
          reservedMemoryMiB, containerStopTimeout, containerStartTimeout, taskCleanupWaitDuration,
          instanceAttributes, region, dockerHost, introspectionPort, endpointPort, metricsPort, imagePullBehavior,
          availableLoggingDrivers, disablePrivileged, imagePullInactivityTimeout, imagePullTimeout, logFile,
          imdsEndpoint, taskMetadataRpsLimit, pollingMetricsWaitDuration, engineAuth);
    }
  }
}
