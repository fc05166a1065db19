package org.ecsagent.emulator.arn;

import java.util.HexFormat;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Makes the random parts of identifiers (task and instance ids, message ids, request ids) from
 * the injected generator, so a seeded generator gives repeatable ids. Request ids are made on
 * network threads, so the generator given here must be thread-safe.
 */
public final class IdGenerator {
  private final RandomGenerator random;

  public IdGenerator(RandomGenerator random) {
    this.random = random;
  }

  /** 32 lower-case hex digits, as in task and container instance ARNs. */
  public String hex32() {
    return hex(16);
  }

  /** An EC2-style instance id, {@code i-} and 17 hex digits. */
  public String ec2InstanceId() {
    return "i-" + hex(9).substring(0, 17);
  }

  /** A version 4 UUID. */
  public String uuid() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  private String hex(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return HexFormat.of().formatHex(buffer);
  }
}
