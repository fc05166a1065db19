package org.ecsagent.metadata;

import java.util.Optional;

/**
 * What the metadata endpoint reads; the agent implements it over its task engine's snapshots.
 *
 * <p>Lookups are by endpoint ID: the per-container UUID at the end of
 * {@code ECS_CONTAINER_METADATA_URI_V4=http://169.254.170.2/v4/<endpointId>} (the original calls
 * it the v3 endpoint ID; v3 and v4 share it). Both methods are called on the server's event loop
 * for every request, so they must answer from memory without blocking.
 */
public interface TaskMetadataSource {

  /** The container this endpoint ID was issued to, or empty if the ID is unknown. */
  Optional<ContainerMetadata> container(String endpointId);

  /** The task of the container this endpoint ID was issued to, or empty if the ID is unknown. */
  Optional<TaskMetadata> task(String endpointId);
}
