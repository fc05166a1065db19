package org.ecsagent.agent.docker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DockerGateway} over docker-java and its Apache HttpClient 5 transport.
 *
 * <p>The API version is negotiated: an unversioned {@code /version} call learns what the daemon
 * speaks, and every later call uses that version. The host's client is often newer than Debian's
 * daemon (1.41), so assuming the newest would fail.
 */
public final class DockerJavaGateway implements DockerGateway {
  private static final Logger log = LoggerFactory.getLogger(DockerJavaGateway.class);
  private static final int MAX_CONNECTIONS = 200;

  private final DockerClient client;
  private final DockerVersion version;
  private final Clock clock;
  private final ObjectMapper dockerJson =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private DockerJavaGateway(DockerClient client, DockerVersion version, Clock clock) {
    this.client = client;
    this.version = version;
    this.clock = clock;
  }

  /** Connects to {@code dockerHost} (unix:// or tcp://) and negotiates the API version. */
  public static DockerJavaGateway connect(URI dockerHost, Clock clock) {
    DockerClient probe = newClient(dockerHost, null);
    com.github.dockerjava.api.model.Version v;
    try {
      v = probe.versionCmd().exec();
    } catch (RuntimeException e) {
      closeQuietly(probe);
      throw new DockerOperationException("connect", "cannot reach Docker at " + dockerHost + ": " + rootMessage(e), e);
    }
    closeQuietly(probe);
    log.info("connected to Docker {} (API {}) at {}", v.getVersion(), v.getApiVersion(), dockerHost);
    return new DockerJavaGateway(newClient(dockerHost, v.getApiVersion()), new DockerVersion(v.getVersion(), v.getApiVersion()), clock);
  }

  private static DockerClient newClient(URI dockerHost, String apiVersion) {
    DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost.toString())
        .withDockerTlsVerify(false);
    if (apiVersion != null) {
      config.withApiVersion(apiVersion);
    }
    DefaultDockerClientConfig built = config.build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(built.getDockerHost())
        .maxConnections(MAX_CONNECTIONS)
        .connectionTimeout(Duration.ofSeconds(10))
        .build();
    return DockerClientImpl.getInstance(built, http);
  }

  @Override
  public DockerVersion version() {
    return version;
  }

  @Override
  public HostResources hostResources() {
    var info = call("info", () -> client.infoCmd().exec());
    return new HostResources(info.getNCPU() == null ? Runtime.getRuntime().availableProcessors() : info.getNCPU(),
        info.getMemTotal() == null ? 0 : info.getMemTotal());
  }

  @Override
  public Optional<String> localImageId(String image) {
    try {
      return Optional.ofNullable(client.inspectImageCmd(image).exec().getId());
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw failure("inspect image " + image, e);
    }
  }

  @Override
  public void pull(String image, Optional<RegistryAuth> auth, Duration inactivityTimeout, Duration timeout) {
    ImageReference ref = ImageReference.parse(image);
    var cmd = client.pullImageCmd(ref.repository());
    if (ref.tag() != null) {
      cmd.withTag(ref.tag());
    }
    auth.ifPresent(a -> cmd.withAuthConfig(new AuthConfig()
        .withUsername(a.username()).withPassword(a.password()).withRegistryAddress(a.serverAddress())));
    PullProgress progress = new PullProgress(clock);
    Instant deadline = clock.instant().plus(timeout);
    try (PullProgress callback = cmd.exec(progress)) {
      while (!callback.awaitCompletion(1, TimeUnit.SECONDS)) {
        if (clock.instant().isAfter(deadline)) {
          throw new DockerOperationException("pull " + image,
              "not finished after " + timeout.toMinutes() + " min (ECS_IMAGE_PULL_TIMEOUT)", null);
        }
        if (callback.idleFor().compareTo(inactivityTimeout) > 0) {
          throw new DockerOperationException("pull " + image,
              "no progress for " + inactivityTimeout.toSeconds() + "s (ECS_IMAGE_PULL_INACTIVITY_TIMEOUT)", null);
        }
      }
      callback.throwIfFailed(image);
    } catch (DockerOperationException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerOperationException("pull " + image, "interrupted", e);
    } catch (RuntimeException e) {
      throw failure("pull " + image, e);
    } catch (IOException e) {
      throw new DockerOperationException("pull " + image, rootMessage(e), e);
    }
  }

  @Override
  public String create(ContainerSpec spec) {
    HostConfig hostConfig = parse(spec.hostConfigJson(), HostConfig.class, "hostConfig")
        .orElseGet(HostConfig::newHostConfig);
    if (spec.memoryMiB() > 0) {
      hostConfig.withMemory(spec.memoryMiB() * 1024 * 1024);
    }
    if (spec.cpuShares() > 0) {
      hostConfig.withCpuShares(Math.max(2, spec.cpuShares()));
    }
    if (spec.networkMode() != null) {
      hostConfig.withNetworkMode(spec.networkMode());
    }
    applyMounts(spec.mounts(), hostConfig);
    List<ExposedPort> exposed = new ArrayList<>();
    boolean publishes = !"host".equals(spec.networkMode()) && !"none".equals(spec.networkMode());
    if (publishes && !spec.portMappings().isEmpty()) {
      Ports ports = new Ports();
      for (var mapping : spec.portMappings()) {
        ExposedPort port = new ExposedPort(mapping.containerPort(), InternetProtocol.parse(mapping.protocol()));
        exposed.add(port);
        ports.bind(port, mapping.hostPort() > 0 ? Ports.Binding.bindPort(mapping.hostPort()) : Ports.Binding.empty());
      }
      hostConfig.withPortBindings(ports);
    }
    CreateContainerCmd cmd = client.createContainerCmd(spec.image())
        .withName(spec.name())
        .withEnv(spec.environment())
        .withHostConfig(hostConfig);
    if (!exposed.isEmpty()) {
      cmd.withExposedPorts(exposed);
    }
    if (spec.command() != null && !spec.command().isEmpty()) {
      cmd.withCmd(spec.command());
    }
    if (spec.entryPoint() != null && !spec.entryPoint().isEmpty()) {
      cmd.withEntrypoint(spec.entryPoint());
    }
    Map<String, String> labels = new HashMap<>();
    applyContainerConfig(spec.dockerConfigJson(), cmd, labels);
    labels.putAll(spec.labels()); // the agent's labels win, as in the original
    cmd.withLabels(labels);
    return call("create " + spec.name(), () -> cmd.exec().getId());
  }

  private static void applyMounts(ContainerSpec.Mounts mounts, HostConfig hostConfig) {
    if (!mounts.binds().isEmpty()) {
      hostConfig.withBinds(mounts.binds().stream().map(com.github.dockerjava.api.model.Bind::parse).toList());
    }
    if (!mounts.volumesFrom().isEmpty()) {
      hostConfig.withVolumesFrom(mounts.volumesFrom().stream()
          .map(com.github.dockerjava.api.model.VolumesFrom::parse).toArray(com.github.dockerjava.api.model.VolumesFrom[]::new));
    }
    if (!mounts.links().isEmpty()) {
      hostConfig.withLinks(mounts.links().stream().map(com.github.dockerjava.api.model.Link::parse).toList());
    }
  }

  /** The subset of Docker's container config the control plane passes through. */
  private void applyContainerConfig(String json, CreateContainerCmd cmd, Map<String, String> labels) {
    Optional<JsonNode> parsed = parse(json, JsonNode.class, "config");
    if (parsed.isEmpty()) {
      return;
    }
    JsonNode config = parsed.get();
    config.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    if (config.hasNonNull("Hostname")) {
      cmd.withHostName(config.get("Hostname").asText());
    }
    if (config.hasNonNull("User")) {
      cmd.withUser(config.get("User").asText());
    }
    if (config.hasNonNull("WorkingDir")) {
      cmd.withWorkingDir(config.get("WorkingDir").asText());
    }
    if (config.hasNonNull("Healthcheck")) {
      cmd.withHealthcheck(parse(config.get("Healthcheck").toString(), HealthCheck.class, "config.Healthcheck").orElseThrow());
    }
  }

  private <T> Optional<T> parse(String json, Class<T> type, String what) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(dockerJson.readValue(json, type));
    } catch (IOException e) {
      throw new DockerOperationException("create", "invalid dockerConfig." + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void start(String containerId) {
    try {
      client.startContainerCmd(containerId).exec();
    } catch (NotModifiedException alreadyStarted) {
      // Idempotent: a retried start of a running container is fine.
    } catch (RuntimeException e) {
      throw failure("start " + containerId, e);
    }
  }

  @Override
  public void stop(String containerId, Duration timeout) {
    try {
      client.stopContainerCmd(containerId).withTimeout((int) Math.max(0, timeout.toSeconds())).exec();
    } catch (NotModifiedException | NotFoundException alreadyStopped) {
      // Already stopped or gone: the goal is reached.
    } catch (RuntimeException e) {
      throw failure("stop " + containerId, e);
    }
  }

  @Override
  public Optional<ContainerState> inspect(String containerId) {
    InspectContainerResponse r;
    try {
      r = client.inspectContainerCmd(containerId).exec();
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw failure("inspect " + containerId, e);
    }
    var state = r.getState();
    Long exit = state.getExitCodeLong();
    boolean running = Boolean.TRUE.equals(state.getRunning());
    return Optional.of(new ContainerState(
        r.getId(),
        r.getName() == null ? null : r.getName().replaceFirst("^/", ""),
        r.getImageId(),
        running,
        running || exit == null ? null : exit.intValue(),
        state.getError(),
        Boolean.TRUE.equals(state.getOOMKilled()),
        timestamp(r.getCreated()),
        timestamp(state.getStartedAt()),
        timestamp(state.getFinishedAt()),
        bindings(r)));
  }

  private static List<ContainerState.NetworkBinding> bindings(InspectContainerResponse r) {
    List<ContainerState.NetworkBinding> out = new ArrayList<>();
    if (r.getNetworkSettings() == null || r.getNetworkSettings().getPorts() == null) {
      return out;
    }
    r.getNetworkSettings().getPorts().getBindings().forEach((port, hostBindings) -> {
      if (hostBindings == null) {
        return;
      }
      for (Ports.Binding b : hostBindings) {
        String ip = b.getHostIp() == null || b.getHostIp().isEmpty() ? "0.0.0.0" : b.getHostIp();
        if (ip.contains(":") || b.getHostPortSpec() == null) {
          continue; // IPv6 bindings are excluded by default, as in the original (ECS_EXCLUDE_IPV6_PORTBINDING)
        }
        out.add(new ContainerState.NetworkBinding(ip, port.getPort(), Integer.parseInt(b.getHostPortSpec()),
            port.getProtocol().toString()));
      }
    });
    return out;
  }

  private static Instant timestamp(String s) {
    if (s == null || s.isEmpty() || s.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public void remove(String containerId) {
    try {
      client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException gone) {
      // Already removed.
    } catch (RuntimeException e) {
      throw failure("remove " + containerId, e);
    }
  }

  @Override
  public void createVolume(String name, String driver, Map<String, String> driverOptions, Map<String, String> labels) {
    call("create volume " + name, () -> client.createVolumeCmd().withName(name)
        .withDriver(driver == null ? "local" : driver).withDriverOpts(driverOptions).withLabels(labels).exec());
  }

  @Override
  public void removeVolume(String name) {
    try {
      client.removeVolumeCmd(name).exec();
    } catch (NotFoundException gone) {
      // Already removed.
    } catch (RuntimeException e) {
      throw failure("remove volume " + name, e);
    }
  }

  @Override
  public java.util.Set<String> runningContainerIds(Map<String, String> labels) {
    return call("list containers", () -> client.listContainersCmd().withLabelFilter(labels).exec().stream()
        .map(com.github.dockerjava.api.model.Container::getId)
        .collect(java.util.stream.Collectors.toSet()));
  }

  @Override
  public AutoCloseable subscribe(Consumer<ContainerEvent> onEvent, Consumer<Throwable> onError) {
    AtomicBoolean closedByUs = new AtomicBoolean();
    ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Event event) {
        if (event.getType() != EventType.CONTAINER || event.getId() == null) {
          return;
        }
        String exit = event.getActor() == null || event.getActor().getAttributes() == null
            ? null : event.getActor().getAttributes().get("exitCode");
        onEvent.accept(new ContainerEvent(event.getId(), event.getAction(), exit == null ? null : Integer.valueOf(exit)));
      }

      @Override
      public void onError(Throwable throwable) {
        super.onError(throwable);
        if (!closedByUs.get()) {
          onError.accept(throwable);
        }
      }

      @Override
      public void onComplete() {
        super.onComplete();
        if (!closedByUs.get()) {
          onError.accept(new DockerOperationException("events", "event stream ended", null));
        }
      }
    };
    client.eventsCmd().withEventTypeFilter(EventType.CONTAINER).exec(callback);
    return () -> {
      closedByUs.set(true);
      callback.close();
    };
  }

  @Override
  public void close() {
    closeQuietly(client);
  }

  private static <T> T call(String operation, java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw failure(operation, e);
    }
  }

  private static DockerOperationException failure(String operation, RuntimeException e) {
    return new DockerOperationException(operation, rootMessage(e), e);
  }

  /** Docker's own explanation: the JSON {"message":...} of an API error, or the root cause. */
  static String rootMessage(Throwable e) {
    if (e instanceof DockerException de && de.getMessage() != null) {
      String m = de.getMessage();
      int brace = m.indexOf("{\"message\":\"");
      if (brace >= 0) {
        String inner = m.substring(brace + 12);
        int end = inner.lastIndexOf("\"}");
        return end > 0 ? inner.substring(0, end) : inner;
      }
      return m.strip();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // Closing a client: nothing to recover.
    }
  }

  /** Tracks pull progress so a stalled pull can be abandoned, and remembers a streamed error. */
  private static final class PullProgress extends ResultCallback.Adapter<PullResponseItem> {
    private final Clock clock;
    private volatile Instant lastProgress;
    private volatile String error;

    PullProgress(Clock clock) {
      this.clock = clock;
      this.lastProgress = clock.instant();
    }

    @Override
    public void onNext(PullResponseItem item) {
      lastProgress = clock.instant();
      if (item.isErrorIndicated()) {
        error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
            ? item.getErrorDetail().getMessage() : item.getError();
      }
    }

    Duration idleFor() {
      return Duration.between(lastProgress, clock.instant());
    }

    void throwIfFailed(String image) {
      if (error != null) {
        throw new DockerOperationException("pull " + image, error, null);
      }
    }
  }
}
