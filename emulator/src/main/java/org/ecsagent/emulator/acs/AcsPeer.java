package org.ecsagent.emulator.acs;

import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;

/** The far end of one ACS websocket: an agent. Thread-safe; sends are queued in order. */
public interface AcsPeer {
  void send(AcsMessage message);

  /** Ends the connection with a websocket close frame, after anything already sent. */
  void close();

  /** Drops the connection at once, without a close frame, as a network failure would. */
  void abort();

  /** For log lines: where the agent connects from. */
  String address();
}
