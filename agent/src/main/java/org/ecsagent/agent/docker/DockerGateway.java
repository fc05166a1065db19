package org.ecsagent.agent.docker;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the agent asks of the Docker Engine, in the agent's own terms. The engine is written
 * against this interface so it runs on real Docker in integration tests and on a recording fake in
 * unit tests. Every method blocks; callers run it off the engine thread. Failures are
 * {@link DockerOperationException}s that say which operation failed and why.
 */
public interface DockerGateway extends AutoCloseable {

  /** The daemon's version facts, used at registration. */
  DockerVersion version();

  /** Host capacity as the daemon sees it. */
  HostResources hostResources();

  /** The local image's id, or empty when the image is not present. */
  Optional<String> localImageId(String image);

  /**
   * Pulls an image, optionally with registry credentials; fails if there is no progress for
   * {@code inactivityTimeout} or the pull takes longer than {@code timeout}.
   */
  void pull(String image, Optional<RegistryAuth> auth, Duration inactivityTimeout, Duration timeout);

  /** Creates a container and returns its id. */
  String create(ContainerSpec spec);

  void start(String containerId);

  /** SIGTERM, then SIGKILL after {@code timeout}; a container that already stopped is not an error. */
  void stop(String containerId, Duration timeout);

  /** Current state, or empty when the container no longer exists. */
  Optional<ContainerState> inspect(String containerId);

  void remove(String containerId);

  /** Creates a named volume if it does not exist yet (Docker's create is idempotent for a name). */
  void createVolume(String name, String driver, Map<String, String> driverOptions, Map<String, String> labels);

  /** Removes a volume; one that is gone already is fine. */
  void removeVolume(String name);

  /** Ids of the running containers carrying all of {@code labels}: one call, for periodic reconciliation. */
  java.util.Set<String> runningContainerIds(java.util.Map<String, String> labels);

  /**
   * Streams container lifecycle events until the returned handle is closed; {@code onError} is
   * called once if the stream breaks so the caller can resubscribe.
   */
  AutoCloseable subscribe(Consumer<ContainerEvent> onEvent, Consumer<Throwable> onError);

  @Override
  void close();

  record DockerVersion(String version, String apiVersion) {}

  record HostResources(int cpus, long memoryBytes) {}

  /** Credentials for one registry pull; toString never shows the password. */
  record RegistryAuth(String username, String password, String serverAddress) {
    @Override
    public String toString() {
      return "RegistryAuth[username=" + username + ", serverAddress=" + serverAddress + "]";
    }
  }
}
