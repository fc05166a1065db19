package org.ecsagent.credentials;

import java.util.Objects;

/**
 * Temporary credentials of an IAM role, as ACS delivers them for a task.
 *
 * <p>{@link #toString()} leaves out the secret access key and the session token, so these can be
 * logged or shown in a failed assertion without leaking.
 *
 * @param roleArn the role the credentials are for
 * @param accessKeyId the access key ID (not a secret on its own)
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token
 * @param expiration when they expire, an ISO 8601 / RFC 3339 timestamp as ACS sends it
 */
public record RoleCredentials(
    String roleArn, String accessKeyId, String secretAccessKey, String sessionToken, String expiration) {

  public RoleCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    roleArn = Objects.requireNonNullElse(roleArn, "");
    sessionToken = Objects.requireNonNullElse(sessionToken, "");
    expiration = Objects.requireNonNullElse(expiration, "");
  }

  @Override
  public String toString() {
    return "RoleCredentials[roleArn=" + roleArn + ", accessKeyId=" + accessKeyId
        + ", secretAccessKey=<redacted>, sessionToken=<redacted>, expiration=" + expiration + "]";
  }
}
