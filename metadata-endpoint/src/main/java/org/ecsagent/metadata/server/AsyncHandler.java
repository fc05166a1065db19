package org.ecsagent.metadata.server;

import java.util.concurrent.CompletionStage;

/**
 * Answers one routed request later, for the few routes that must wait on something outside the
 * agent's memory (the ECS API for {@code taskWithTags}). The handler itself runs on the event
 * loop and must return at once; the stage may complete on any thread. The server writes the
 * response when the stage completes, keeps later requests on the same connection waiting so that
 * answers stay in order, and answers 503 if the stage takes longer than the server's
 * {@linkplain EndpointServer.Builder#asyncTimeout async timeout}.
 *
 * <p>A stage that fails, or a handler that throws, gets a generic 500 JSON body; the exception is
 * logged, never sent.
 */
@FunctionalInterface
public interface AsyncHandler {
  CompletionStage<Response> handle(Request request) throws Exception;
}
