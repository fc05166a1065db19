package org.ecsagent.emulator.acs;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACS fault settings: how long to delay every message, until when to refuse new connections,
 * and which instances' payloads to hold back. All off by default. Written on the state thread,
 * read there and (for refusals) on network threads, hence thread-safe.
 */
final class AcsConditions {
  private volatile Duration delay = Duration.ZERO;
  private volatile Instant refuseUntil = Instant.MIN;
  private final Set<String> holding = ConcurrentHashMap.newKeySet();

  Duration delay() {
    return delay;
  }

  void delay(Duration delay) {
    this.delay = delay;
  }

  boolean refusing(Instant now) {
    return now.isBefore(refuseUntil);
  }

  Instant refuseUntil() {
    return refuseUntil;
  }

  void refuseUntil(Instant until) {
    this.refuseUntil = until;
  }

  boolean isHolding(String containerInstanceArn) {
    return holding.contains(containerInstanceArn);
  }

  Set<String> holding() {
    return Set.copyOf(holding);
  }

  void hold(String containerInstanceArn) {
    holding.add(containerInstanceArn);
  }

  void stopHolding(String containerInstanceArn) {
    holding.remove(containerInstanceArn);
  }

  void clear() {
    delay = Duration.ZERO;
    refuseUntil = Instant.MIN;
    holding.clear();
  }
}
