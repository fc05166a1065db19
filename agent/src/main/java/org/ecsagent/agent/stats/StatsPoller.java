package org.ecsagent.agent.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.ecsagent.agent.config.AgentConfig;
import org.ecsagent.agent.engine.ContainerStatus;
import org.ecsagent.agent.engine.TaskEngine;
import org.ecsagent.agent.engine.TaskSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls Docker for the stats of every running container into a {@link StatsCache}.
 *
 * <p>Every second a tick asks which containers run (from the engine's snapshots, read-only) and
 * hands each one whose last poll is {@code interval} old to a small fixed pool of workers, which
 * make one short one-shot stats call. So a new container has stats within about a second, each
 * container is polled once per interval, the number of threads does not grow with the number of
 * containers, and no stats stream is ever held open. A container still being polled when it comes
 * due again is skipped rather than queued twice. A container that stops or is removed drops out
 * of the next tick and out of the cache.
 *
 * <pre>{@code
 * StatsPoller stats = StatsPoller.start(config, engine);   // ... stats.cache() ...   stats.close();
 * }</pre>
 */
public final class StatsPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatsPoller.class);

  /** How often the list of running containers is looked at; polls themselves are {@code interval} apart. */
  static final Duration TICK = Duration.ofSeconds(1);
  /**
   * Docker answers a one-shot stats call at its stats collector's next one-second tick, so a
   * worker makes about one call a second: 16 poll about 160 containers every 10 s (320 every 20 s).
   * With more, polls of a container come further apart than the interval; nothing piles up.
   */
  static final int WORKERS = 16;
  static final Duration DOCKER_TIMEOUT = Duration.ofSeconds(10);

  private final DockerStats docker;
  private final Supplier<Set<String>> runningContainers;
  private final Duration interval;
  private final Clock clock;
  private final ScheduledExecutorService ticker;
  private final ExecutorService workers;
  private final StatsCache cache = new StatsCache();
  private final Map<String, Instant> nextPollAt = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile Set<String> running = Set.of();
  private volatile boolean closed;

  StatsPoller(DockerStats docker, Supplier<Set<String>> runningContainers, Duration interval, Clock clock,
      ScheduledExecutorService ticker, ExecutorService workers) {
    this.docker = docker;
    this.runningContainers = runningContainers;
    this.interval = interval;
    this.clock = clock;
    this.ticker = ticker;
    this.workers = workers;
  }

  /** Polls the engine's running containers every {@code ECS_POLLING_METRICS_WAIT_DURATION}. */
  public static StatsPoller start(AgentConfig config, TaskEngine engine) {
    return start(config.dockerHost(), config.pollingMetricsWaitDuration(), () -> runningContainers(engine.tasks()));
  }

  /** Polls the containers {@code runningContainers} names (Docker IDs) on {@code dockerHost}, with its own threads. */
  public static StatsPoller start(URI dockerHost, Duration interval, Supplier<Set<String>> runningContainers) {
    DockerStatsClient client = DockerStatsClient.connect(dockerHost, 2 * WORKERS, DOCKER_TIMEOUT);
    StatsPoller poller = new StatsPoller(client, runningContainers, interval, Clock.systemUTC(),
        Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("stats-tick", true)),
        Executors.newFixedThreadPool(WORKERS, new DefaultThreadFactory("stats-poll", true)));
    poller.schedule();
    log.info("polling container stats every {}s on {} threads", interval.toSeconds(), WORKERS);
    return poller;
  }

  /** The containers worth polling: those Docker runs for a task, by Docker ID. */
  public static Set<String> runningContainers(Collection<TaskSnapshot> tasks) {
    Set<String> ids = new HashSet<>();
    for (TaskSnapshot task : tasks) {
      for (TaskSnapshot.ContainerSnapshot container : task.containers()) {
        if (isPolled(container.dockerId(), container.knownStatus())) {
          ids.add(container.dockerId());
        }
      }
    }
    return ids;
  }

  /** Docker has the container and it runs: not yet created, or stopped, has no stats worth asking for. */
  static boolean isPolled(String dockerId, ContainerStatus knownStatus) {
    return dockerId != null && knownStatus == ContainerStatus.RUNNING;
  }

  public StatsCache cache() {
    return cache;
  }

  /** Stats calls that answered, since start. */
  public long polls() {
    return polls.get();
  }

  /** Stats or inspect calls that failed, since start. */
  public long failures() {
    return failures.get();
  }

  void schedule() {
    ticker.scheduleWithFixedDelay(this::tickSafely, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("stats poll tick failed", e); // keep ticking: a scheduled task that throws is never run again
    }
  }

  /** One look at the running containers: forget the gone ones, poll the due ones. */
  void tick() {
    Set<String> now = Set.copyOf(runningContainers.get());
    running = now;
    cache.retainOnly(now);
    nextPollAt.keySet().retainAll(now);
    failing.retainAll(now);
    Instant at = clock.instant();
    for (String id : now) {
      if (at.isBefore(nextPollAt.getOrDefault(id, Instant.MIN)) || !inFlight.add(id)) {
        continue;
      }
      nextPollAt.put(id, at.plus(interval));
      try {
        workers.execute(() -> poll(id));
      } catch (RejectedExecutionException closing) {
        inFlight.remove(id);
        return;
      }
    }
  }

  private void poll(String id) {
    try {
      if (!cache.knowsNetworksOf(id)) {
        docker.networks(id).ifPresent(networks -> recordIfStillRunning(id, () -> cache.recordNetworks(id, networks)));
      }
      Optional<ObjectNode> sample = docker.sample(id);
      if (sample.isEmpty()) {
        cache.remove(id); // removed between the tick and the call
        return;
      }
      polls.incrementAndGet();
      recordIfStillRunning(id, () -> cache.record(id, sample.get()));
      if (failing.remove(id)) {
        log.info("container {}: stats available again", shortId(id));
      }
    } catch (RuntimeException e) {
      if (closed) {
        return; // interrupted by close(): not Docker's fault
      }
      failures.incrementAndGet();
      if (failing.add(id)) {
        log.warn("container {}: cannot poll stats: {}", shortId(id), e.getMessage());
      } else {
        log.debug("container {}: cannot poll stats: {}", shortId(id), e.getMessage());
      }
    } finally {
      inFlight.remove(id);
    }
  }

  /** A poll that finishes after its container stopped must not bring it back into the cache. */
  private void recordIfStillRunning(String id, Runnable record) {
    if (running.contains(id)) {
      record.run();
    }
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  @Override
  public void close() {
    closed = true;
    ticker.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(DOCKER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    docker.close();
  }
}
