package org.ecsagent.emulator.recording;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.CallContext;
import org.ecsagent.emulator.api.CallFilter;

/**
 * Records every SubmitTaskStateChange and SubmitContainerStateChange the emulator receives, in the
 * order it handles them, duplicates and refused calls included, so a test can check that each
 * state change arrives exactly once and in order. Goes outermost around the operations, so it
 * also sees calls the fault controls fail. State-thread only.
 */
public final class StateChangeLog implements CallFilter {
  private static final Set<String> RECORDED = Set.of("SubmitTaskStateChange", "SubmitContainerStateChange");

  private final Clock clock;
  private final List<ReceivedStateChange> received = new ArrayList<>();
  private long sequence;

  public StateChangeLog(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Object filter(String operation, JsonNode body, CallContext context, Supplier<Object> call) {
    if (!RECORDED.contains(operation)) {
      return call.get();
    }
    try {
      Object response = call.get();
      record(operation, body, ReceivedStateChange.ACCEPTED);
      return response;
    } catch (ApiException e) {
      record(operation, body, e.shape().type());
      throw e;
    }
  }

  public List<ReceivedStateChange> all() {
    return List.copyOf(received);
  }

  public void clear() {
    received.clear();
  }

  private void record(String operation, JsonNode body, String outcome) {
    List<ReceivedStateChange.ContainerChange> containers = new ArrayList<>();
    for (JsonNode c : body.path("containers")) {
      containers.add(new ReceivedStateChange.ContainerChange(text(c, "containerName"), text(c, "status"),
          integer(c, "exitCode"), text(c, "reason")));
    }
    received.add(new ReceivedStateChange(++sequence, clock.instant(), operation, text(body, "cluster"),
        text(body, "task"), text(body, "containerName"), text(body, "status"), text(body, "reason"),
        integer(body, "exitCode"), List.copyOf(containers), outcome, body.toString()));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Integer integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.canConvertToInt() ? null : value.asInt();
  }
}
