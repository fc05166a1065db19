package org.ecsagent.agent.engine;

/** Receives every change the control plane must hear about, in order, from the engine thread. */
@FunctionalInterface
public interface StateChangeListener {
  void onStateChange(StateChange change);
}
