package org.ecsagent.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One container's latest stats, in the shape of Docker's {@code GET /containers/<id>/stats}
 * ({@code read}, {@code preread}, {@code cpu_stats}, {@code precpu_stats}, {@code memory_stats},
 * {@code blkio_stats}, {@code networks}, {@code num_procs}, {@code pids_stats}, {@code name},
 * {@code id}), which is what the original serves at every stats path; v4 adds the network rates.
 *
 * @param docker the Docker stats object; treated as read-only
 * @param networkRate bytes per second received and sent over all interfaces, between the two
 *     latest samples; null until there are two
 */
public record ContainerStats(ObjectNode docker, NetworkRate networkRate) {

  public ContainerStats {
    Objects.requireNonNull(docker, "docker");
  }

  /** The v4 body: the Docker stats plus {@code network_rate_stats} when the rates are known. */
  public JsonNode v4Json() {
    if (networkRate == null) {
      return docker;
    }
    ObjectNode body = docker.deepCopy();
    body.putObject("network_rate_stats")
        .put("rx_bytes_per_sec", networkRate.rxBytesPerSecond())
        .put("tx_bytes_per_sec", networkRate.txBytesPerSecond());
    return body;
  }

  /** The v2 and v3 body: the Docker stats as they are. */
  public JsonNode dockerJson() {
    return docker;
  }

  /** The original's {@code NetworkStatsPerSec}. */
  public record NetworkRate(double rxBytesPerSecond, double txBytesPerSecond) {}
}
