package org.ecsagent.emulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operations the API serves, by name ({@code RunTask}, ...), each with the record its JSON
 * body is read into. Features register their operations here when the emulator is wired.
 */
public final class OperationTable {
  private final Map<String, Entry<?>> entries = new HashMap<>();

  public <I> OperationTable register(String name, Class<I> requestType, Operation<I> operation) {
    if (entries.putIfAbsent(name, new Entry<>(requestType, operation)) != null) {
      throw new IllegalArgumentException("operation registered twice: " + name);
    }
    return this;
  }

  /**
   * Reads the body into the operation's request type now (so a malformed body is refused on the
   * network thread) and returns the call to run later on the state thread.
   */
  Optional<Supplier<Object>> bind(String name, JsonNode body, ObjectMapper mapper, CallContext context) {
    Entry<?> entry = entries.get(name);
    return entry == null ? Optional.empty() : Optional.of(entry.bind(body, mapper, context));
  }

  private record Entry<I>(Class<I> requestType, Operation<I> operation) {
    Supplier<Object> bind(JsonNode body, ObjectMapper mapper, CallContext context) {
      I request;
      try {
        request = mapper.treeToValue(body, requestType);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new ApiException(ErrorShape.SERIALIZATION, firstLine(e.getMessage()));
      }
      return () -> operation.handle(request, context);
    }

    private static String firstLine(String message) {
      return message == null ? "cannot read request" : message.lines().findFirst().orElse(message);
    }
  }
}
