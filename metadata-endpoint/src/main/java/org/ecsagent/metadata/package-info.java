/**
 * The task metadata endpoint (v3, v4): what containers read at
 * {@code ECS_CONTAINER_METADATA_URI[_V4]}.
 *
 * <p>The door is {@link org.ecsagent.metadata.MetadataRoutes}, registered on an
 * {@link org.ecsagent.metadata.server.EndpointServer}; the agent feeds it by implementing
 * {@link org.ecsagent.metadata.TaskMetadataSource} with {@link org.ecsagent.metadata.TaskMetadata}
 * and {@link org.ecsagent.metadata.ContainerMetadata} records. This module never depends on the
 * agent.
 */
package org.ecsagent.metadata;
