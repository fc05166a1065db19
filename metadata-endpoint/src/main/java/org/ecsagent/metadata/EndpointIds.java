package org.ecsagent.metadata;

import java.util.regex.Pattern;

/**
 * Which strings can be endpoint IDs at all. The agent issues UUIDs; anything else in that path
 * segment (empty, {@code ..}, very long, odd characters) is answered 400 without being looked up
 * or echoed back.
 */
public final class EndpointIds {
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private EndpointIds() {}

  public static boolean isWellFormed(String endpointId) {
    return WELL_FORMED.matcher(endpointId).matches();
  }
}
