package org.ecsagent.emulator.api;

/**
 * One ECS API operation: takes the parsed request body, returns the response shape (serialized
 * as JSON) or throws {@link ApiException}. Operations run on the state thread only.
 */
@FunctionalInterface
public interface Operation<I> {
  Object handle(I request, CallContext context);
}
