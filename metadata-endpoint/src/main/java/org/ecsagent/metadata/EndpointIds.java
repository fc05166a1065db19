package org.ecsagent.metadata;

import java.util.regex.Pattern;

/**
 * Which strings can be endpoint IDs at all, and the original's words for IDs it does not know.
 * The agent issues UUIDs; anything else in that path segment (empty, {@code ..}, very long, odd
 * characters) is answered 400 without being looked up or echoed back.
 */
public final class EndpointIds {
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private EndpointIds() {}

  public static boolean isWellFormed(String endpointId) {
    return WELL_FORMED.matcher(endpointId).matches();
  }

  /** Why a task lookup failed, word for word as the original says it (users match on it). */
  public static String unknownTask(String endpointId) {
    return "unable to get task arn from request: unable to get task Arn from v3 endpoint ID: " + endpointId;
  }

  /** Why a container lookup failed (unknown ID, or a container Docker has not created yet). */
  public static String unknownContainer(String endpointId) {
    return "unable to get container ID from request: unable to get docker ID from v3 endpoint ID: " + endpointId;
  }

  /** The original's answer when it has no stats for a container it knows. */
  public static String noStats(String dockerId) {
    return "Unable to get container stats for: " + dockerId;
  }
}
