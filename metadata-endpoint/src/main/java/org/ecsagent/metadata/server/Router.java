package org.ecsagent.metadata.server;

/**
 * Where {@link Routes} declare which handler answers which path.
 *
 * <p>A pattern is a path of {@code /}-separated segments; a segment is either literal or a named
 * parameter in braces that matches exactly one segment (possibly empty, so that a handler can
 * answer {@code /v2/credentials/} with its own "no ID" error). Examples: {@code /v4/{endpointId}},
 * {@code /v4/{endpointId}/task}. When several patterns match a path, the one with more literal
 * segments wins. Registering the same method and pattern twice is an error.
 */
public interface Router {
  /** Routes {@code GET} requests whose path matches {@code pattern} to {@code handler}. */
  Router get(String pattern, Handler handler);

  /** Routes {@code GET} requests to a handler that answers later (see {@link AsyncHandler}). */
  Router getAsync(String pattern, AsyncHandler handler);
}
