package org.ecsagent.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How to run an {@link Emulator}. Start from {@link #defaults()} and change what you need:
 *
 * <pre>
 *   Emulator.start(EmulatorOptions.defaults().withPort(0).withHeartbeatInterval(Duration.ofSeconds(1)));
 * </pre>
 *
 * @param host the address to listen on (default 127.0.0.1)
 * @param port the port for both the ECS API and ACS (default 8765; 0 picks a free one)
 * @param region the region in ARNs (default us-east-1)
 * @param heartbeatInterval how often each ACS session gets a HeartbeatMessage (default 30 s)
 * @param tickInterval how often, in real time, the emulator looks at its clock to act on what is
 *     due: the service scheduler, backoffs, delayed ACS messages (default 250 ms). With a test clock,
 *     a short tick makes clock advances take effect quickly.
 * @param clock the source of every timestamp the emulator reports and of scheduler and fault time
 * @param random the source of ids and of random task placement
 */
public record EmulatorOptions(String host, int port, String region, Duration heartbeatInterval, Duration tickInterval,
    Clock clock, RandomGenerator random) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8765;
  public static final String DEFAULT_REGION = "us-east-1";
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMillis(250);

  public EmulatorOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    requirePositive(heartbeatInterval, "heartbeatInterval");
    requirePositive(tickInterval, "tickInterval");
  }

  public static EmulatorOptions defaults() {
    return new EmulatorOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_REGION, DEFAULT_HEARTBEAT_INTERVAL,
        DEFAULT_TICK_INTERVAL, Clock.systemUTC(), RandomGenerator.getDefault());
  }

  public EmulatorOptions withHost(String host) {
    return new EmulatorOptions(host, port, region, heartbeatInterval, tickInterval, clock, random);
  }

  public EmulatorOptions withPort(int port) {
    return new EmulatorOptions(host, port, region, heartbeatInterval, tickInterval, clock, random);
  }

  public EmulatorOptions withRegion(String region) {
    return new EmulatorOptions(host, port, region, heartbeatInterval, tickInterval, clock, random);
  }

  public EmulatorOptions withHeartbeatInterval(Duration heartbeatInterval) {
    return new EmulatorOptions(host, port, region, heartbeatInterval, tickInterval, clock, random);
  }

  public EmulatorOptions withTickInterval(Duration tickInterval) {
    return new EmulatorOptions(host, port, region, heartbeatInterval, tickInterval, clock, random);
  }

  public EmulatorOptions withClock(Clock clock) {
    return new EmulatorOptions(host, port, region, heartbeatInterval, tickInterval, clock, random);
  }

  public EmulatorOptions withRandom(RandomGenerator random) {
    return new EmulatorOptions(host, port, region, heartbeatInterval, tickInterval, clock, random);
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
