package org.ecsagent.emulator.acs;

import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;

/** One open ACS connection of one container instance. State-thread only. */
final class AcsSession {
  private final AcsPeer peer;
  private final String containerInstanceArn;
  private final String clusterArn;
  private int lastSeqNum;

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

  void send(AcsMessage message) {
    peer.send(message);
  }
}
