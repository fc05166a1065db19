package org.ecsagent.metadata.server;

import java.util.Optional;

/**
 * A set of related routes that registers itself on an {@link EndpointServer}'s {@link Router}.
 *
 * <p>Several route sets share one server: the task metadata routes and the credentials routes
 * are served together on 127.0.0.1:51679, as the original agent does.
 *
 * <pre>{@code
 * EndpointServer server = EndpointServer.builder()
 *     .port(51679)
 *     .rateLimit(new RateLimit(40, 60))
 *     .routes(new MetadataRoutes(metadataSource), new CredentialsRoutes(credentialsSource))
 *     .build()
 *     .start();
 * }</pre>
 */
@FunctionalInterface
public interface Routes {
  void register(Router router);

  /**
   * Whose allowance a request to one of these routes spends when the server has a
   * {@link RateLimit}: usually the task the request's ID belongs to. Empty (the default, and the
   * right answer for an unknown ID) means the bucket shared by all such requests. Called on the
   * event loop for every request, so it must answer from memory.
   */
  default Optional<String> rateLimitKey(Request request) {
    return Optional.empty();
  }
}
