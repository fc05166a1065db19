package org.ecsagent.agent.state;

/** A state change waiting in the outbox; {@code sequence} orders it and names it for removal once accepted. */
public record PendingChange(long sequence, StateChange change) {}
