/**
 * A small, generic local HTTP/1.1 JSON server on Netty, used for the task metadata and
 * credentials endpoint (51679) and the introspection API (51678).
 *
 * <p>Public: {@link org.ecsagent.metadata.server.EndpointServer} (builder, start, port, close),
 * {@link org.ecsagent.metadata.server.Routes}, {@link org.ecsagent.metadata.server.Router},
 * {@link org.ecsagent.metadata.server.Handler}, {@link org.ecsagent.metadata.server.Request} and
 * {@link org.ecsagent.metadata.server.Response}, and for per-caller rate limiting
 * {@link org.ecsagent.metadata.server.RateLimit} with an injectable
 * {@link org.ecsagent.metadata.server.Ticker}. The connection pipeline is in
 * {@code EndpointPipeline}; routing, rate limiting and error answers in {@code RoutingHandler}
 * (buckets in {@code RequestThrottle}).
 */
package org.ecsagent.metadata.server;
