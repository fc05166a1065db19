package org.ecsagent.metadata.server;

/**
 * A source of nanosecond time for measuring intervals (rate limits), injected so that tests move
 * time by hand instead of sleeping. Only differences between two readings mean anything.
 *
 * <pre>{@code
 * AtomicLong now = new AtomicLong();
 * EndpointServer.builder().rateLimit(new RateLimit(1, 1)).ticker(now::get) ...
 * now.addAndGet(TimeUnit.SECONDS.toNanos(1)); // one more request allowed
 * }</pre>
 */
@FunctionalInterface
public interface Ticker {

  /** Nanoseconds since some fixed but arbitrary origin. */
  long read();

  /** {@link System#nanoTime()}. */
  static Ticker system() {
    return System::nanoTime;
  }
}
