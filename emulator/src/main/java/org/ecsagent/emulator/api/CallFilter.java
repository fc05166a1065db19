package org.ecsagent.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;

/**
 * Runs around every ECS API operation, on the state thread: it may look at the call, refuse it by
 * throwing {@link ApiException}, or run it with {@code call.get()}. The fault controls (injected
 * errors) and the received-state-change log are filters.
 */
@FunctionalInterface
public interface CallFilter {
  CallFilter NONE = (operation, body, context, call) -> call.get();

  Object filter(String operation, JsonNode body, CallContext context, Supplier<Object> call);

  /** This filter around {@code inner}: {@code this} sees the call first. */
  default CallFilter around(CallFilter inner) {
    return (operation, body, context, call) -> filter(operation, body, context,
        () -> inner.filter(operation, body, context, call));
  }
}
