package org.ecsagent.protocol.acs;

/** A websocket frame that is not a valid ACS message; the text says what was wrong. */
public final class AcsProtocolException extends Exception {
  public AcsProtocolException(String message) {
    super(message);
  }
}
