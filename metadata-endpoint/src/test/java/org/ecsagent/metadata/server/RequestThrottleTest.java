package org.ecsagent.metadata.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestThrottleTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final RequestThrottle throttle = new RequestThrottle(new RateLimit(2, 3), now::get);

  @Test
  void allowsABurstThenRefusesUntilTokensRefill() {
    assertThat(takeAll("task-a", 5)).isEqualTo(3);

    advanceMillis(499);
    assertThat(throttle.tryAcquire("task-a")).as("0.998 tokens").isFalse();
    advanceMillis(1);
    assertThat(throttle.tryAcquire("task-a")).as("one token after half a second at 2/s").isTrue();
    assertThat(throttle.tryAcquire("task-a")).isFalse();
    assertThat(throttle.rejected()).isEqualTo(4);
  }

  @Test
  void sustainsTheSteadyRate() {
    takeAll("task-a", 3);
    int allowed = 0;
    for (int i = 0; i < 100; i++) { // 10 s in 100 ms steps at 2/s
      advanceMillis(100);
      allowed += throttle.tryAcquire("task-a") ? 1 : 0;
    }
    assertThat(allowed).isEqualTo(20);
  }

  @Test
  void refillsNoFurtherThanTheBurst() {
    takeAll("task-a", 3);
    advanceMillis(60_000);

    assertThat(takeAll("task-a", 10)).isEqualTo(3);
  }

  @Test
  void eachKeyHasItsOwnBucket() {
    assertThat(takeAll("task-a", 10)).isEqualTo(3);

    assertThat(takeAll("task-b", 10)).isEqualTo(3);
    assertThat(takeAll(RequestThrottle.GLOBAL_KEY, 10)).isEqualTo(3);
  }

  @Test
  void forgetsBucketsThatHaveRefilled() {
    takeAll("task-a", 3);
    takeAll("task-b", 1);
    assertThat(throttle.trackedKeys()).isEqualTo(2);

    advanceMillis(61_000);
    throttle.tryAcquire("task-c");

    assertThat(throttle.trackedKeys()).as("only task-c, which just spent a token").isEqualTo(1);
    assertThat(takeAll("task-a", 10)).as("a forgotten key starts full").isEqualTo(3);
  }

  @Test
  void unlimitedLetsEverythingThrough() {
    for (int i = 0; i < 10_000; i++) {
      assertThat(RequestThrottle.NONE.tryAcquire("x")).isTrue();
    }
    assertThat(RequestThrottle.NONE.rejected()).isZero();
  }

  private int takeAll(String key, int attempts) {
    int allowed = 0;
    for (int i = 0; i < attempts; i++) {
      allowed += throttle.tryAcquire(key) ? 1 : 0;
    }
    return allowed;
  }

  private void advanceMillis(long millis) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }
}
