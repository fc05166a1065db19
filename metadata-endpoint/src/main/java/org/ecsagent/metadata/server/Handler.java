package org.ecsagent.metadata.server;

/**
 * Answers one routed request. Handlers run on the server's event loop, so they must not block:
 * the ones we have read in-memory snapshots.
 *
 * <p>A handler that throws gets a generic 500 JSON body; the exception is logged, never sent.
 */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
