package org.ecsagent.metadata.server;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One token bucket per key ({@link Routes#rateLimitKey}: a task, or the shared global key), so a
 * chatty task exhausts its own allowance and not its neighbours'. Buckets that have refilled are
 * forgotten, since a full bucket is the same as a new one; memory stays bounded by the keys seen
 * within about {@code burst / steady} seconds.
 *
 * <p>Thread-safe; the work per request is a map lookup and a few arithmetic operations.
 */
final class RequestThrottle {
  /** The key of requests that belong to no task (unknown IDs, v2, the server's own errors). */
  static final String GLOBAL_KEY = "";
  /** Unlimited: every request passes. */
  static final RequestThrottle NONE = new RequestThrottle(null, () -> 0);

  private static final long PRUNE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final RateLimit limit;
  private final Ticker ticker;
  private final Map<String, Bucket> buckets = new HashMap<>();
  private long lastPrune;
  private long rejected;

  RequestThrottle(RateLimit limit, Ticker ticker) {
    this.limit = limit;
    this.ticker = ticker;
    this.lastPrune = ticker.read();
  }

  /** Spends one of {@code key}'s tokens; false if it has none left (answer 429). */
  synchronized boolean tryAcquire(String key) {
    if (limit == null) {
      return true;
    }
    long now = ticker.read();
    pruneFullBuckets(now);
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
    if (bucket.tryTake(now, limit)) {
      return true;
    }
    rejected++;
    return false;
  }

  synchronized long rejected() {
    return rejected;
  }

  synchronized int trackedKeys() {
    return buckets.size();
  }

  private void pruneFullBuckets(long now) {
    if (now - lastPrune < PRUNE_EVERY_NANOS) {
      return;
    }
    lastPrune = now;
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      if (it.next().isFullAt(now, limit)) {
        it.remove();
      }
    }
  }

  /** Tokens as a fraction, refilled lazily from the time of the last request. */
  private static final class Bucket {
    private double tokens;
    private long updatedAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedAt = now;
    }

    boolean tryTake(long now, RateLimit limit) {
      tokens = tokensAt(now, limit);
      updatedAt = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }

    boolean isFullAt(long now, RateLimit limit) {
      return tokensAt(now, limit) >= limit.burst();
    }

    private double tokensAt(long now, RateLimit limit) {
      double elapsedSeconds = Math.max(0, now - updatedAt) / 1e9;
      return Math.min(limit.burst(), tokens + elapsedSeconds * limit.steadyPerSecond());
    }
  }
}
