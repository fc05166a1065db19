package org.ecsagent.agent.taskcredentials;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ecsagent.credentials.CredentialsSource;
import org.ecsagent.credentials.RoleCredentials;
import org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentials;

/**
 * The role credentials of the tasks on this host, served to their containers by the credentials
 * endpoint. Held in memory only: credentials never reach the disk; after an agent restart the
 * control plane sends them again (the first ACS connection asks with {@code sendCredentials=true}).
 *
 * <p>Containers address their task's credentials by an endpoint id the agent makes: 128 random
 * bits, unguessable, fixed for the task's life (it is baked into the containers' environment),
 * and dead once the task stops.
 */
public final class TaskCredentialsStore implements CredentialsSource {
  private record Entry(String taskArn, RoleCredentials credentials) {}

  private final Map<String, Entry> byEndpointId = new ConcurrentHashMap<>();
  private final SecureRandom random;

  public TaskCredentialsStore(SecureRandom random) {
    this.random = random;
  }

  /** A fresh unguessable endpoint id (32 hex characters, 128 random bits). */
  public String newEndpointId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Sets (or refreshes) the credentials served under {@code endpointId}. */
  public void put(String endpointId, String taskArn, IAMRoleCredentials credentials) {
    byEndpointId.put(endpointId, new Entry(taskArn, new RoleCredentials(credentials.roleArn(),
        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken(),
        credentials.expiration())));
  }

  /** The task stopped: its id stops working. */
  public void remove(String endpointId) {
    byEndpointId.remove(endpointId);
  }

  public boolean has(String endpointId) {
    return byEndpointId.containsKey(endpointId);
  }

  @Override
  public Optional<RoleCredentials> credentials(String credentialsId) {
    return Optional.ofNullable(byEndpointId.get(credentialsId)).map(Entry::credentials);
  }

  @Override
  public Optional<String> taskArn(String credentialsId) {
    return Optional.ofNullable(byEndpointId.get(credentialsId)).map(Entry::taskArn);
  }
}
