package org.ecsagent.emulator;

import java.util.random.RandomGenerator;

/**
 * Makes an injected generator safe to share between the state thread (placement, ids) and the
 * network threads (request ids): the common generators are not thread-safe, and every other
 * {@link RandomGenerator} method is built on {@link #nextLong()}.
 */
final class LockedRandom implements RandomGenerator {
  private final RandomGenerator delegate;

  LockedRandom(RandomGenerator delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized long nextLong() {
    return delegate.nextLong();
  }
}
