package org.ecsagent.emulator.acs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;
import org.ecsagent.protocol.acs.AcsMessages.PayloadMessage;

/**
 * One open ACS connection of one container instance, with what the fault controls keep back from
 * it: messages delayed until a due time (sent in order) and payloads held until released.
 * State-thread only; {@link Transmitter} decides what goes where.
 */
final class AcsSession {
  private final AcsPeer peer;
  private final String containerInstanceArn;
  private final String clusterArn;
  private final Deque<Delayed> delayed = new ArrayDeque<>();
  private final List<PayloadMessage> held = new ArrayList<>();
  private int lastSeqNum;

  /** A message and the time it may go out. */
  record Delayed(AcsMessage message, Instant due) {}

  AcsSession(AcsPeer peer, String containerInstanceArn, String clusterArn) {
    this.peer = peer;
    this.containerInstanceArn = containerInstanceArn;
    this.clusterArn = clusterArn;
  }

  AcsPeer peer() {
    return peer;
  }

  String containerInstanceArn() {
    return containerInstanceArn;
  }

  String clusterArn() {
    return clusterArn;
  }

  /** Payloads are numbered 1, 2, ... within a session. */
  int nextSeqNum() {
    return ++lastSeqNum;
  }

  Deque<Delayed> delayed() {
    return delayed;
  }

  List<PayloadMessage> held() {
    return held;
  }
}
