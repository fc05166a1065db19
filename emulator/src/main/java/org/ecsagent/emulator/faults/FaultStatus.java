package org.ecsagent.emulator.faults;

import java.util.List;
import org.ecsagent.emulator.acs.AcsEndpoint;

/** Every fault in force: the ACS ones and the injected API failures still live. */
public record FaultStatus(AcsEndpoint.FaultStatus acs, List<ApiFailure> apiFailures) {

  public boolean isNone() {
    return acs.delay().isZero() && acs.refuseUntil() == null && acs.holding().isEmpty()
        && acs.heldPayloads().isEmpty() && acs.delayedMessages().isEmpty() && apiFailures.isEmpty();
  }
}
