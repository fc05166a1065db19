/**
 * The task metadata endpoint (v2, v3, v4): what containers read at
 * {@code ECS_CONTAINER_METADATA_URI[_V4]}, including stats and {@code taskWithTags}.
 *
 * <p>The door is {@link org.ecsagent.metadata.MetadataRoutes}, registered on an
 * {@link org.ecsagent.metadata.server.EndpointServer}; the agent feeds it by implementing
 * {@link org.ecsagent.metadata.TaskMetadataSource} (with {@link org.ecsagent.metadata.TaskMetadata}
 * and {@link org.ecsagent.metadata.ContainerMetadata} records),
 * {@link org.ecsagent.metadata.ContainerStatsSource} (Docker stats JSON from its stats cache) and
 * {@link org.ecsagent.metadata.TaskTagsSource} (ECS tags, asynchronously). This module never
 * depends on the agent or on Docker.
 */
package org.ecsagent.metadata;
