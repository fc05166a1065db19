package org.ecsagent.metadata;

import java.util.Optional;

/**
 * What the metadata endpoint reads; the agent implements it over its task engine's snapshots.
 *
 * <p>Lookups are by endpoint ID: the per-container UUID at the end of
 * {@code ECS_CONTAINER_METADATA_URI_V4=http://169.254.170.2/v4/<endpointId>} (the original calls
 * it the v3 endpoint ID; v3 and v4 share it). Every method is called on the server's event loop
 * for every request, so it must answer from memory without blocking.
 */
public interface TaskMetadataSource {

  /** The container this endpoint ID was issued to, or empty if the ID is unknown. */
  Optional<ContainerMetadata> container(String endpointId);

  /** The task of the container this endpoint ID was issued to, or empty if the ID is unknown. */
  Optional<TaskMetadata> task(String endpointId);

  /**
   * The ARN of the task this endpoint ID belongs to, which keys the per-task rate limit. The
   * default builds the whole task; implementations should answer from an index.
   */
  default Optional<String> taskArn(String endpointId) {
    return task(endpointId).map(TaskMetadata::taskArn);
  }

  /**
   * The endpoint ID of the container that has {@code ipAddress} (a caller's source address), for
   * v2, which has no ID in its URLs. Best effort: empty (the default) when no container is known
   * by that address.
   */
  default Optional<String> endpointIdByAddress(String ipAddress) {
    return Optional.empty();
  }
}
