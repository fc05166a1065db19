package org.ecsagent.emulator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.function.Supplier;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.CallContext;
import org.ecsagent.emulator.api.CallFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails ECS API calls as the fault controls ask: the first live {@link ApiFailure} for the
 * operation answers instead of the operation, and one call is used up. Rules that ran out are
 * forgotten. State-thread only, like the operations it guards.
 */
final class ApiFaults implements CallFilter {
  private static final Logger log = LoggerFactory.getLogger(ApiFaults.class);

  private final Clock clock;
  private final List<ApiFailure> rules = new ArrayList<>();

  ApiFaults(Clock clock) {
    this.clock = clock;
  }

  void add(ApiFailure rule) {
    rules.add(rule);
  }

  List<ApiFailure> live() {
    Instant now = clock.instant();
    rules.removeIf(r -> !r.isLive(now));
    return List.copyOf(rules);
  }

  void clear() {
    rules.clear();
  }

  @Override
  public Object filter(String operation, JsonNode body, CallContext context, Supplier<Object> call) {
    Instant now = clock.instant();
    for (ListIterator<ApiFailure> it = rules.listIterator(); it.hasNext(); ) {
      ApiFailure rule = it.next();
      if (!rule.isLive(now)) {
        it.remove();
      } else if (rule.operation().equals(operation)) {
        it.set(rule.used());
        log.info("failing {} with {} (fault control)", operation, rule.error().type());
        throw new ApiException(rule.error(), rule.message());
      }
    }
    return call.get();
  }
}
