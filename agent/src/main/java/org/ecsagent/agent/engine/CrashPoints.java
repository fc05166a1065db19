package org.ecsagent.agent.engine;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection for durability tests: {@code ECS_AGENT_CRASH_AT=<point>[:<n>]} makes the agent
 * halt (as abruptly as {@code kill -9}: no shutdown hooks, nothing flushed) the n-th time it
 * reaches the named point. Unset in production, where {@link #none()} makes every call a no-op.
 *
 * <p>Points: {@code payload-recorded}, {@code pulled}, {@code created}, {@code started},
 * {@code running-recorded}, {@code submitted}, {@code stopping}, {@code stopped},
 * {@code stopped-recorded}.
 */
public final class CrashPoints {
  private static final Logger log = LoggerFactory.getLogger(CrashPoints.class);
  public static final int EXIT_CODE = 137;

  private final String point;
  private final int occurrence;
  private final AtomicInteger seen = new AtomicInteger();

  private CrashPoints(String point, int occurrence) {
    this.point = point;
    this.occurrence = occurrence;
  }

  public static CrashPoints none() {
    return new CrashPoints(null, 0);
  }

  /** Parses {@code point} or {@code point:n}; null or blank means none. */
  public static CrashPoints parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return none();
    }
    int colon = spec.indexOf(':');
    if (colon < 0) {
      return new CrashPoints(spec.strip(), 1);
    }
    try {
      return new CrashPoints(spec.substring(0, colon).strip(), Integer.parseInt(spec.substring(colon + 1).strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ECS_AGENT_CRASH_AT=\"" + spec + "\": expected <point> or <point>:<n>", e);
    }
  }

  public void reach(String name) {
    if (name.equals(point) && seen.incrementAndGet() == occurrence) {
      log.error("crash point {}:{} reached: halting (ECS_AGENT_CRASH_AT)", name, occurrence);
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }
}
