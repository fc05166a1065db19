package org.ecsagent.metadata.server;

/**
 * A set of related routes that registers itself on an {@link EndpointServer}'s {@link Router}.
 *
 * <p>Several route sets share one server: the task metadata routes and the credentials routes
 * are served together on 127.0.0.1:51679, as the original agent does.
 *
 * <pre>{@code
 * EndpointServer server = EndpointServer.builder()
 *     .port(51679)
 *     .routes(new MetadataRoutes(metadataSource), new CredentialsRoutes(credentialsSource))
 *     .build()
 *     .start();
 * }</pre>
 */
@FunctionalInterface
public interface Routes {
  void register(Router router);
}
