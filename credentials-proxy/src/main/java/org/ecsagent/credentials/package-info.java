/**
 * Task IAM role credentials endpoint ({@code /v2/credentials/<id>}, {@code /v1/credentials?id=}),
 * served on the same {@link org.ecsagent.metadata.server.EndpointServer} as the task metadata.
 *
 * <p>The door is {@link org.ecsagent.credentials.CredentialsRoutes}; the agent feeds it by
 * implementing {@link org.ecsagent.credentials.CredentialsSource}. This module never depends on
 * the agent.
 */
package org.ecsagent.credentials;
