package org.ecsagent.agent.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The two Docker calls the poller makes. Both block; both answer empty when the container no
 * longer exists and throw {@link DockerStatsException} when Docker cannot answer.
 */
interface DockerStats extends AutoCloseable {

  /**
   * One stats sample, without waiting for a second one ({@code stream=false&one-shot=true}): its
   * {@code precpu_stats} are zero and its {@code preread} is Go's zero time.
   */
  Optional<ObjectNode> sample(String containerId);

  /** The networks the container is attached to, with its addresses on them. */
  Optional<List<ContainerNetwork>> networks(String containerId);

  @Override
  void close();
}
