package org.ecsagent.agent.controlplane;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecsagent.agent.controlplane.ControlPlane.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers this host as a container instance, retrying with the original's backoff (3 s → 192 s,
 * ×2, 20 % jitter) for at most an hour; a rejection that cannot change on retry (bad cluster,
 * access denied) fails at once with the control plane's own message.
 */
public final class InstanceRegistrar {
  private static final Logger log = LoggerFactory.getLogger(InstanceRegistrar.class);
  private static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

  /** Blocks the registering thread between attempts; tests pass one that returns at once. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final ControlPlane controlPlane;
  private final Clock clock;
  private final Sleeper sleeper;
  private final IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(3_000, 2.0, 0.2, 192_000);

  public InstanceRegistrar(ControlPlane controlPlane, Clock clock, Sleeper sleeper) {
    this.controlPlane = controlPlane;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** The attributes every instance of this agent reports, plus the operator's own (which win). */
  public static Map<String, String> attributes(String dockerApiVersion, List<String> loggingDrivers,
      Map<String, String> custom) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("ecs.os-type", "linux");
    attributes.put("ecs.os-family", "LINUX");
    attributes.put("ecs.cpu-architecture", cpuArchitecture());
    for (String api : DockerApiVersions.supportedUpTo(dockerApiVersion)) {
      attributes.put("com.amazonaws.ecs.capability.docker-remote-api." + api, "");
    }
    for (String driver : loggingDrivers) {
      attributes.put("com.amazonaws.ecs.capability.logging-driver." + driver, "");
    }
    attributes.putAll(custom);
    return attributes;
  }

  private static String cpuArchitecture() {
    String arch = System.getProperty("os.arch", "");
    return arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "arm64" : arch;
  }

  public String register(Registration registration) throws InterruptedException {
    Instant deadline = clock.instant().plus(GIVE_UP_AFTER);
    if ("default".equals(registration.cluster())) {
      // As the original: the default cluster is created on first use.
      retrying("CreateCluster", deadline, () -> {
        controlPlane.createCluster("default");
        return null;
      });
    }
    String arn = retrying("RegisterContainerInstance", deadline,
        () -> controlPlane.registerContainerInstance(registration));
    log.info("registered container instance {} in cluster {}", arn, registration.cluster());
    return arn;
  }

  private <T> T retrying(String operation, Instant deadline, java.util.function.Supplier<T> call)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (ControlPlaneException e) {
        if (!e.retryable() || clock.instant().isAfter(deadline)) {
          throw e;
        }
        Duration wait = Duration.ofMillis(backoff.apply(attempt));
        log.warn("{} failed (attempt {}), retrying in {} s: {}", operation, attempt, wait.toSeconds(), e.getMessage());
        sleeper.sleep(wait);
      }
    }
  }

}
