package org.ecsagent.emulator.acs;

/** The order in which held payloads are released to the agent. */
public enum PayloadOrder {
  /** As they were sent: seqNum ascending. */
  AS_SENT,
  /** Newest first: the agent sees seqNums going backwards. */
  REVERSED,
  /** In a random order (from the emulator's injected random generator). */
  SHUFFLED
}
