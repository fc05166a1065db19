package org.ecsagent.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ecsagent.emulator.acs.AcsEndpoint;
import org.ecsagent.emulator.acs.PayloadOrder;
import org.ecsagent.emulator.api.ErrorShape;
import org.ecsagent.emulator.faults.ApiFailure;
import org.ecsagent.emulator.faults.FaultControls;
import org.ecsagent.emulator.faults.FaultStatus;
import org.ecsagent.emulator.recording.StateChangeLog;

/**
 * What each {@code /_emulator/...} route does, on the state thread. Bodies are small JSON
 * objects; a bad one throws {@link IllegalArgumentException} (answered 400), an unknown route
 * {@link RouteNotFound} (404).
 *
 * <pre>
 *   GET    /_emulator/faults                 what is in force
 *   POST   /_emulator/faults/clear           end every fault
 *   POST   /_emulator/faults/acs/drop        {"containerInstance": "..."}   (all if absent)
 *   POST   /_emulator/faults/acs/refuse      {"seconds": 30}                (0 ends it)
 *   POST   /_emulator/faults/acs/delay       {"milliseconds": 1500}         (0 ends it)
 *   POST   /_emulator/faults/acs/hold        {"containerInstance": "..."}
 *   POST   /_emulator/faults/acs/release     {"containerInstance": "...", "order": "REVERSED"}
 *   POST   /_emulator/faults/acs/replay      {"containerInstance": "...", "count": 2}
 *   POST   /_emulator/faults/api             {"operation": "SubmitTaskStateChange",
 *                                             "error": "ThrottlingException", "calls": 3 | "seconds": 30}
 *   GET    /_emulator/state-changes          every SubmitTask/ContainerStateChange received
 *   DELETE /_emulator/state-changes          forget them
 * </pre>
 */
final class ControlRoutes {
  private final FaultControls faults;
  private final StateChangeLog stateChanges;

  ControlRoutes(FaultControls faults, StateChangeLog stateChanges) {
    this.faults = faults;
    this.stateChanges = stateChanges;
  }

  static final class RouteNotFound extends RuntimeException {
    RouteNotFound(String message) {
      super(message, null, false, false);
    }
  }

  Object handle(String method, String path, JsonNode body) {
    String route = method + " " + path;
    return switch (route) {
      case "GET /_emulator/faults" -> describe(faults.status());
      case "POST /_emulator/faults/clear" -> {
        faults.clear();
        yield describe(faults.status());
      }
      case "POST /_emulator/faults/acs/drop" ->
          Map.of("dropped", faults.dropAcs(Optional.ofNullable(text(body, "containerInstance"))));
      case "POST /_emulator/faults/acs/refuse" -> {
        faults.refuseAcs(Duration.ofSeconds(number(body, "seconds")));
        yield describe(faults.status());
      }
      case "POST /_emulator/faults/acs/delay" -> {
        faults.delayAcs(Duration.ofMillis(number(body, "milliseconds")));
        yield describe(faults.status());
      }
      case "POST /_emulator/faults/acs/hold" -> {
        faults.holdPayloads(required(body, "containerInstance"));
        yield describe(faults.status());
      }
      case "POST /_emulator/faults/acs/release" -> Map.of("released",
          faults.releasePayloads(required(body, "containerInstance"), order(text(body, "order"))));
      case "POST /_emulator/faults/acs/replay" -> Map.of("replayed",
          faults.replayPayloads(required(body, "containerInstance"), body.has("count") ? number(body, "count") : 1));
      case "POST /_emulator/faults/api" -> {
        failApiCalls(body);
        yield describe(faults.status());
      }
      case "GET /_emulator/state-changes" -> Map.of("stateChanges", stateChanges.all());
      case "DELETE /_emulator/state-changes" -> {
        stateChanges.clear();
        yield Map.of("stateChanges", List.of());
      }
      default -> throw new RouteNotFound("no route " + route + "; see the emulator README for /_emulator routes");
    };
  }

  private void failApiCalls(JsonNode body) {
    String operation = required(body, "operation");
    String type = required(body, "error");
    ErrorShape error = ErrorShape.ofType(type)
        .orElseThrow(() -> new IllegalArgumentException("unknown error " + type + "; e.g. ServerException, ThrottlingException"));
    String message = text(body, "message");
    if (body.has("calls") == body.has("seconds")) {
      throw new IllegalArgumentException("give exactly one of calls or seconds");
    }
    if (body.has("calls")) {
      faults.failApiCalls(operation, error, message, number(body, "calls"));
    } else {
      faults.failApiCalls(operation, error, message, Duration.ofSeconds(number(body, "seconds")));
    }
  }

  /** The status as plain JSON values (durations in milliseconds). */
  private static Map<String, Object> describe(FaultStatus status) {
    AcsEndpoint.FaultStatus acs = status.acs();
    Map<String, Object> acsView = new LinkedHashMap<>();
    acsView.put("delayMilliseconds", acs.delay().toMillis());
    acsView.put("refuseUntil", acs.refuseUntil());
    acsView.put("holding", acs.holding());
    acsView.put("heldPayloads", acs.heldPayloads());
    acsView.put("delayedMessages", acs.delayedMessages());
    List<Map<String, Object>> api = status.apiFailures().stream().map(ControlRoutes::describe).toList();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("acs", acsView);
    view.put("apiFailures", api);
    return view;
  }

  private static Map<String, Object> describe(ApiFailure failure) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("operation", failure.operation());
    view.put("error", failure.error().type());
    view.put("message", failure.message());
    view.put("remainingCalls", failure.remainingCalls());
    view.put("until", failure.until());
    return view;
  }

  private static PayloadOrder order(String text) {
    if (text == null) {
      return PayloadOrder.REVERSED;
    }
    try {
      return PayloadOrder.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("order must be AS_SENT, REVERSED or SHUFFLED: " + text);
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String required(JsonNode body, String field) {
    String value = text(body, field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static int number(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.canConvertToInt() || value.asInt() < 0) {
      throw new IllegalArgumentException(field + " must be a number of at least 0");
    }
    return value.asInt();
  }
}
