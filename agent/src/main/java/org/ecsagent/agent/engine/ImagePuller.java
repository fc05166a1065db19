package org.ecsagent.agent.engine;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ecsagent.agent.config.EngineAuth;
import org.ecsagent.agent.config.ImagePullBehavior;
import org.ecsagent.agent.docker.DockerGateway;
import org.ecsagent.agent.docker.DockerOperationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an image available according to {@code ECS_IMAGE_PULL_BEHAVIOR}, as the original does:
 * {@code default} pulls and falls back to a cached copy when the pull fails; {@code always} pulls
 * and fails without a cache fallback; {@code once} pulls the first time this agent needs the
 * image; {@code prefer-cached} pulls only when the image is not on the host. Blocking: call it off
 * the engine thread.
 */
final class ImagePuller {
  private static final Logger log = LoggerFactory.getLogger(ImagePuller.class);

  private final DockerGateway docker;
  private final ImagePullBehavior behavior;
  private final Duration inactivityTimeout;
  private final Duration timeout;
  private final EngineAuth auth;
  private final Set<String> pulledByThisAgent = ConcurrentHashMap.newKeySet();
  static final int PULL_ATTEMPTS = 3;
  private static final IntervalFunction PULL_BACKOFF = IntervalFunction.ofExponentialRandomBackoff(500, 2.0, 0.2);

  ImagePuller(DockerGateway docker, ImagePullBehavior behavior, Duration inactivityTimeout, Duration timeout,
      EngineAuth auth) {
    this.auth = auth;
    this.docker = docker;
    this.behavior = behavior;
    this.inactivityTimeout = inactivityTimeout;
    this.timeout = timeout;
  }

  /**
   * Transient failures (a registry hiccup, a reset connection) are retried a bounded number of
   * times with jittered backoff; permanent ones (no such image, access denied) fail at once, and
   * so does anything when the default behaviour can fall back to a cached copy.
   */
  private void pullWithRetries(String image) {
    Retry retry = Retry.of("pull", RetryConfig.custom()
        .maxAttempts(PULL_ATTEMPTS)
        .intervalFunction(PULL_BACKOFF)
        .retryOnException(e -> e instanceof DockerOperationException d && isTransient(d)
            && !(behavior == ImagePullBehavior.DEFAULT && docker.localImageId(image).isPresent()))
        .build());
    retry.getEventPublisher().onRetry(event -> log.warn("pull of {} failed (attempt {}), retrying: {}", image,
        event.getNumberOfRetryAttempts(), event.getLastThrowable().getMessage()));
    Retry.decorateRunnable(retry, () -> docker.pull(image, registryAuth(image), inactivityTimeout, timeout)).run();
  }

  /** Registry answers that another attempt cannot change. */
  static boolean isTransient(DockerOperationException e) {
    String m = e.detail().toLowerCase(java.util.Locale.ROOT);
    for (String permanent : List.of("not found", "manifest unknown", "unauthorized", "denied", "no basic auth",
        "invalid reference", "does not exist", "no progress for", "not finished after")) {
      if (m.contains(permanent)) {
        return false;
      }
    }
    return true;
  }

  /** ECS_ENGINE_AUTH_DATA credentials for the image's registry, if any. */
  private Optional<DockerGateway.RegistryAuth> registryAuth(String image) {
    return auth.forImage(image).map(c -> new DockerGateway.RegistryAuth(c.username(), c.password(),
        EngineAuth.registryOf(image)));
  }

  /** Returns the local image id once the image is usable; throws when it cannot be had. */
  String ensure(String image) {
    switch (behavior) {
      case PREFER_CACHED -> {
        Optional<String> cached = docker.localImageId(image);
        if (cached.isPresent()) {
          return cached.get();
        }
      }
      case ONCE -> {
        if (pulledByThisAgent.contains(image)) {
          Optional<String> cached = docker.localImageId(image);
          if (cached.isPresent()) {
            return cached.get();
          }
        }
      }
      default -> { }
    }
    try {
      pullWithRetries(image);
      pulledByThisAgent.add(image);
    } catch (DockerOperationException e) {
      if (behavior == ImagePullBehavior.DEFAULT) {
        Optional<String> cached = docker.localImageId(image);
        if (cached.isPresent()) {
          log.warn("pull of {} failed ({}); using the cached image", image, e.detail());
          return cached.get();
        }
      }
      throw e;
    }
    return docker.localImageId(image)
        .orElseThrow(() -> new DockerOperationException("pull " + image, "image not present after pull", null));
  }
}
