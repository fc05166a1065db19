package org.ecsagent.metadata.server;

/**
 * How many requests a server lets one caller make: a token bucket that holds {@code burst}
 * tokens, refills at {@code steadyPerSecond} tokens a second, and spends one per request. This is
 * the original agent's {@code ECS_TASK_METADATA_RPS_LIMIT=steady,burst} (a tollbooth limiter over
 * Go's {@code x/time/rate}, default 40,60).
 *
 * @param steadyPerSecond requests per second sustained, at least 1
 * @param burst requests that may arrive at once after a quiet spell, at least 1
 */
public record RateLimit(int steadyPerSecond, int burst) {

  /** The original's default: 40 requests a second, bursts of 60. */
  public static final RateLimit TASK_METADATA_DEFAULT = new RateLimit(40, 60);

  public RateLimit {
    if (steadyPerSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("rate limit needs a steady rate and a burst of at least 1: "
          + steadyPerSecond + "," + burst);
    }
  }

  @Override
  public String toString() {
    return steadyPerSecond + "," + burst;
  }
}
