package org.ecsagent.agent.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.ecsagent.agent.docker.ContainerEvent;
import org.ecsagent.agent.docker.ContainerSpec;
import org.ecsagent.agent.docker.ContainerState;
import org.ecsagent.agent.docker.DockerGateway;
import org.ecsagent.agent.docker.DockerOperationException;

/** A recording in-memory Docker below the gateway interface, for engine unit tests. */
final class FakeDocker implements DockerGateway {
  final List<String> calls = new CopyOnWriteArrayList<>();
  final Map<String, ContainerSpec> created = new ConcurrentHashMap<>();
  final Map<String, Boolean> running = new ConcurrentHashMap<>();
  final Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
  final Set<String> images = ConcurrentHashMap.newKeySet();
  final Set<String> unpullable = ConcurrentHashMap.newKeySet();
  final Map<String, String> pullAuth = new ConcurrentHashMap<>();
  /** Image → how many pulls fail with a transient error before one succeeds. */
  final Map<String, Integer> transientPullFailures = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile Consumer<ContainerEvent> events = e -> { };

  @Override
  public DockerVersion version() {
    return new DockerVersion("20.10.24", "1.41");
  }

  @Override
  public HostResources hostResources() {
    return new HostResources(2, 4L << 30);
  }

  @Override
  public Optional<String> localImageId(String image) {
    return images.contains(image) ? Optional.of("sha256:" + image.hashCode()) : Optional.empty();
  }

  @Override
  public void pull(String image, Optional<RegistryAuth> auth, Duration inactivityTimeout, Duration timeout) {
    calls.add("pull " + image);
    pullAuth.put(image, auth.map(a -> a.username() + "@" + a.serverAddress()).orElse("none"));
    Integer flaky = transientPullFailures.computeIfPresent(image, (k, v) -> v - 1);
    if (flaky != null && flaky >= 0) {
      throw new DockerOperationException("pull " + image, "connection reset by peer", null);
    }
    if (unpullable.contains(image)) {
      throw new DockerOperationException("pull " + image, "manifest for " + image + " not found", null);
    }
    images.add(image);
  }

  @Override
  public String create(ContainerSpec spec) {
    String id = "c" + ids.incrementAndGet();
    calls.add("create " + spec.name());
    created.put(id, spec);
    return id;
  }

  @Override
  public void start(String containerId) {
    calls.add("start " + containerId);
    running.put(containerId, true);
  }

  @Override
  public void stop(String containerId, Duration timeout) {
    calls.add("stop " + containerId);
    exit(containerId, 143);
  }

  /** Looks a container up by id or by name, as docker inspect does. */
  @Override
  public Optional<ContainerState> inspect(String idOrName) {
    String id = created.containsKey(idOrName) ? idOrName : created.entrySet().stream()
        .filter(e -> e.getValue().name().equals(idOrName)).map(Map.Entry::getKey).findFirst().orElse(null);
    if (id == null) {
      return Optional.empty();
    }
    boolean up = running.getOrDefault(id, false);
    boolean everStarted = running.containsKey(id);
    return Optional.of(new ContainerState(id, created.get(id).name(), "img", up,
        up ? null : exitCodes.get(id), null, false, Instant.EPOCH, everStarted ? Instant.EPOCH : null,
        up || !everStarted ? null : Instant.EPOCH, List.of()));
  }

  @Override
  public void remove(String containerId) {
    calls.add("remove " + containerId);
  }

  final Set<String> volumes = ConcurrentHashMap.newKeySet();

  @Override
  public void createVolume(String name, String driver, Map<String, String> driverOptions, Map<String, String> labels) {
    calls.add("create volume " + name);
    volumes.add(name);
  }

  @Override
  public void removeVolume(String name) {
    calls.add("remove volume " + name);
    volumes.remove(name);
  }

  @Override
  public Set<String> runningContainerIds(Map<String, String> labels) {
    calls.add("list");
    return running.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.toSet());
  }

  /** The container dies without Docker telling anyone (a missed event). */
  void dieSilently(String containerId, int code) {
    running.put(containerId, false);
    exitCodes.put(containerId, code);
  }

  @Override
  public AutoCloseable subscribe(Consumer<ContainerEvent> onEvent, Consumer<Throwable> onError) {
    events = onEvent;
    return () -> events = e -> { };
  }

  /** The container's process ends on its own, as Docker would report it. */
  void exit(String containerId, int code) {
    running.put(containerId, false);
    exitCodes.put(containerId, code);
    events.accept(new ContainerEvent(containerId, "die", code));
  }

  void health(String containerId, String status) {
    events.accept(new ContainerEvent(containerId, "health_status: " + status, null));
  }

  void oom(String containerId) {
    events.accept(new ContainerEvent(containerId, "oom", null));
  }

  long count(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).count();
  }

  @Override
  public void close() {}
}
