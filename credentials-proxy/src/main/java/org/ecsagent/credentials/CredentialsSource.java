package org.ecsagent.credentials;

import java.util.Optional;

/**
 * What the credentials routes read; the agent implements it over its credentials store, which
 * ACS fills with each task's role credentials.
 *
 * <p>The credentials ID is the UUID in the container's
 * {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/v2/credentials/<id>}; knowing it is what
 * entitles a caller to the credentials. Called on the server's event loop for every request, so
 * it must answer from memory without blocking.
 */
public interface CredentialsSource {

  /** The current credentials issued under this ID, or empty if the ID is unknown. */
  Optional<RoleCredentials> credentials(String credentialsId);

  /**
   * The ARN of the task these credentials were issued to, which keys the per-task rate limit of
   * the endpoint server; empty (the default) puts the request in the shared allowance.
   */
  default Optional<String> taskArn(String credentialsId) {
    return Optional.empty();
  }
}
