package org.ecsagent.emulator;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns all control-plane state (clusters, task definitions, instances, tasks,
 * services, tags, ACS sessions, fault controls, the state-change log). API operations, ACS events
 * and the periodic tick (service scheduler, due ACS messages) are queued here, so the stores need
 * no locks and every operation sees a consistent picture. A task that throws is logged, not lost.
 */
final class StateThread implements Executor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateThread.class);

  private final ScheduledExecutorService executor = new ScheduledThreadPoolExecutor(1, r -> {
    Thread thread = new Thread(r, "emulator-state");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  public void execute(Runnable work) {
    executor.execute(logged(work));
  }

  void every(Duration interval, Runnable work) {
    executor.scheduleAtFixedRate(logged(work), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private static Runnable logged(Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (RuntimeException | LinkageError e) {
        // A periodic job that throws would never run again; log and carry on.
        log.error("state update failed", e);
      }
    };
  }
}
