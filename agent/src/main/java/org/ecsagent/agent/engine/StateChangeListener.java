package org.ecsagent.agent.engine;

import org.ecsagent.agent.state.PendingChange;

/**
 * Receives every change the control plane must hear about, in order, from the engine thread,
 * after it is durably in the outbox.
 */
@FunctionalInterface
public interface StateChangeListener {
  void onStateChange(PendingChange change);
}
