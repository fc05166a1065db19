package org.ecsagent.agent.engine;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * Docker container names in the original agent's scheme, which operators grep for:
 * {@code ecs-<family>-<version>-<name>-<20 hex chars>}, the container name stripped of anything
 * but letters, digits and dashes.
 */
final class ContainerNames {
  private ContainerNames() {}

  static String dockerName(String family, String version, String containerName, RandomGenerator random) {
    byte[] suffix = new byte[10];
    random.nextBytes(suffix);
    return "ecs-" + family + "-" + version + "-" + containerName.replaceAll("[^A-Za-z0-9-]", "") + "-"
        + HexFormat.of().formatHex(suffix);
  }
}
