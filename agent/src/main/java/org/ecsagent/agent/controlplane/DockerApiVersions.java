package org.ecsagent.agent.controlplane;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code com.amazonaws.ecs.capability.docker-remote-api.1.x} attributes: task definitions
 * may require a minimum Docker API version, and the scheduler places them by these attributes.
 */
final class DockerApiVersions {
  private static final int OLDEST_MINOR = 17;

  private DockerApiVersions() {}

  static List<String> supportedUpTo(String apiVersion) {
    List<String> out = new ArrayList<>();
    int max;
    try {
      max = Integer.parseInt(apiVersion.substring(apiVersion.indexOf('.') + 1));
    } catch (RuntimeException e) {
      return out;
    }
    for (int minor = OLDEST_MINOR; minor <= max; minor++) {
      out.add("1." + minor);
    }
    return out;
  }
}
