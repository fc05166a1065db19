package org.ecsagent.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ecsagent.agent.engine.ContainerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poller's schedule, driven tick by tick with a hand-moved clock and workers run on demand. */
class StatsPollerTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private final FakeDockerStats docker = new FakeDockerStats().with("c1", "172.17.0.2").with("c2", "172.17.0.3");
  private final Set<String> running = new HashSet<>(Set.of("c1", "c2"));
  private final ManualClock clock = new ManualClock();
  private final QueuedExecutor workers = new QueuedExecutor();
  private final ScheduledExecutorService unusedTicker = Executors.newSingleThreadScheduledExecutor();
  private final StatsPoller poller =
      new StatsPoller(docker, () -> Set.copyOf(running), INTERVAL, clock, unusedTicker, workers);

  @AfterEach
  void close() {
    poller.close();
  }

  @Test
  void pollsEachRunningContainerOncePerInterval() {
    tickAndRun();
    assertThat(docker.sampled).containsExactlyInAnyOrder("c1", "c2");

    for (int second = 1; second < 10; second++) {
      clock.advance(Duration.ofSeconds(1));
      tickAndRun();
    }
    assertThat(docker.sampled).as("nothing more within the interval").hasSize(2);

    clock.advance(Duration.ofSeconds(1));
    tickAndRun();
    assertThat(docker.sampled).hasSize(4);
    assertThat(poller.polls()).isEqualTo(4);
    assertThat(poller.cache().stats("c1").orElseThrow().docker().at("/precpu_stats/cpu_usage/total_usage").asLong())
        .as("second sample relative to the first").isEqualTo(1_000_000);
  }

  @Test
  void aNewContainerIsPolledAtTheNextTick() {
    tickAndRun();
    docker.with("c3", "172.17.0.4");
    running.add("c3");

    clock.advance(Duration.ofSeconds(1));
    tickAndRun();

    assertThat(docker.sampled).containsExactlyInAnyOrder("c1", "c2", "c3");
    assertThat(poller.cache().stats("c3")).isPresent();
  }

  @Test
  void stopsPollingAndForgetsAContainerThatStops() {
    tickAndRun();
    running.remove("c2");

    clock.advance(INTERVAL);
    tickAndRun();

    assertThat(docker.sampled).containsExactlyInAnyOrder("c1", "c2", "c1");
    assertThat(poller.cache().stats("c2")).isEmpty();
    assertThat(poller.cache().dockerIdByIpv4("172.17.0.3")).isEmpty();
  }

  @Test
  void aPollThatFinishesAfterItsContainerStoppedDoesNotBringItBack() {
    poller.tick(); // polls queued, not run
    running.remove("c2");
    clock.advance(Duration.ofSeconds(1));
    poller.tick();

    workers.runAll();

    assertThat(poller.cache().stats("c2")).isEmpty();
    assertThat(poller.cache().stats("c1")).isPresent();
  }

  @Test
  void aContainerStillBeingPolledIsNotQueuedAgain() {
    poller.tick();
    assertThat(workers.queued()).isEqualTo(2);

    clock.advance(INTERVAL.multipliedBy(3));
    poller.tick();

    assertThat(workers.queued()).as("no second poll while the first is outstanding").isEqualTo(2);
  }

  @Test
  void aContainerDockerNoLongerHasIsDropped() {
    tickAndRun();
    docker.existing.remove("c2");

    clock.advance(INTERVAL);
    tickAndRun();

    assertThat(poller.cache().stats("c2")).isEmpty();
  }

  @Test
  void aFailingContainerDoesNotStopTheOthers() {
    docker.broken.add("c1");

    tickAndRun();
    clock.advance(INTERVAL);
    tickAndRun();

    assertThat(poller.failures()).isEqualTo(2);
    assertThat(poller.cache().stats("c1")).isEmpty();
    assertThat(poller.cache().stats("c2")).isPresent();

    docker.broken.clear();
    clock.advance(INTERVAL);
    tickAndRun();
    assertThat(poller.cache().stats("c1")).as("recovers at the next interval").isPresent();
  }

  @Test
  void inspectsEachContainerOnceForItsAddresses() {
    tickAndRun();
    clock.advance(INTERVAL);
    tickAndRun();

    assertThat(docker.inspected).containsExactlyInAnyOrder("c1", "c2");
    assertThat(poller.cache().dockerIdByIpv4("172.17.0.2")).hasValue("c1");
  }

  @Test
  void closingStopsItsThreadsAndTheClient() {
    poller.close();

    assertThat(unusedTicker.isShutdown()).isTrue();
    assertThat(workers.isShutdown()).isTrue();
    assertThat(docker.closed).isTrue();
  }

  @Test
  void pollsOnlyContainersDockerRuns() {
    assertThat(StatsPoller.isPolled("aaa", ContainerStatus.RUNNING)).isTrue();
    assertThat(StatsPoller.isPolled("bbb", ContainerStatus.STOPPED)).isFalse();
    assertThat(StatsPoller.isPolled("ccc", ContainerStatus.CREATED)).isFalse();
    assertThat(StatsPoller.isPolled(null, ContainerStatus.PULLED)).isFalse();
    assertThat(StatsPoller.runningContainers(List.of())).isEmpty();
  }

  private void tickAndRun() {
    poller.tick();
    workers.runAll();
  }

  /** An executor that keeps what it is given until the test runs it. */
  static final class QueuedExecutor extends AbstractExecutorService {
    private final List<Runnable> tasks = new ArrayList<>();
    private boolean shutdown;

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(task);
    }

    synchronized int queued() {
      return tasks.size();
    }

    void runAll() {
      List<Runnable> now;
      synchronized (this) {
        now = new ArrayList<>(tasks);
        tasks.clear();
      }
      now.forEach(Runnable::run);
    }

    @Override
    public synchronized void shutdown() {
      shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
      shutdown = true;
      return List.copyOf(tasks);
    }

    @Override
    public synchronized boolean isShutdown() {
      return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2024-05-01T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
