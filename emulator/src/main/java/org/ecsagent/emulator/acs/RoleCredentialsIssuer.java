package org.ecsagent.emulator.acs;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.random.RandomGenerator;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentials;

/**
 * Makes the temporary credentials a real control plane gets from STS for a task's role: an
 * {@code ASIA…} key, a secret, a session token and an expiry six hours out. They authenticate
 * nothing; they let tests see credentials travel from the control plane to a container.
 */
final class RoleCredentialsIssuer {
  static final Duration VALIDITY = Duration.ofHours(6);
  private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET_CHARS = KEY_CHARS + "abcdefghijklmnopqrstuvwxyz0189+/";

  private final IdGenerator ids;
  private final RandomGenerator random;
  private final Clock clock;

  RoleCredentialsIssuer(IdGenerator ids, RandomGenerator random, Clock clock) {
    this.ids = ids;
    this.random = random;
    this.clock = clock;
  }

  /** {@code scope} is "task" for the task role, "execution" for the execution role. */
  IAMRoleCredentials issue(String roleArn, String scope) {
    return new IAMRoleCredentials(ids.uuid(), roleArn, "ASIA" + chars(KEY_CHARS, 16), chars(SECRET_CHARS, 40),
        chars(SECRET_CHARS, 120), DateTimeFormatter.ISO_INSTANT.format(
            clock.instant().plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS)), scope);
  }

  private String chars(String alphabet, int n) {
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
