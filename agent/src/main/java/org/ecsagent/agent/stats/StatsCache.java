package org.ecsagent.agent.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ecsagent.metadata.ContainerStats;
import org.ecsagent.metadata.ContainerStats.NetworkRate;
import org.ecsagent.metadata.ContainerStatsSource;

/**
 * The latest stats sample and the networks of each polled container, by Docker ID. Written by
 * {@link StatsPoller}'s workers, read by the endpoint's event loop; every read answers from memory.
 *
 * <p>A one-shot sample has no {@code precpu_stats}; {@link #record} fills them (and
 * {@code preread}) from the container's previous sample, so a reader computes CPU use over the
 * polling interval just as it would over Docker's one second. The network rates v4 shows are
 * worked out from the same two samples. Stored samples are never modified.
 */
public final class StatsCache implements ContainerStatsSource {
  /** Go's zero time, which Docker writes as {@code preread} when it has no earlier sample. */
  private static final String GO_ZERO_TIME_PREFIX = "0001-01-01T";

  private final Map<String, ContainerStats> samples = new ConcurrentHashMap<>();
  private final Map<String, List<ContainerNetwork>> networks = new ConcurrentHashMap<>();

  /** The latest sample of a container, or empty if none was taken or it stopped being polled. */
  @Override
  public Optional<ContainerStats> stats(String dockerId) {
    return Optional.ofNullable(samples.get(dockerId));
  }

  /** The container's networks as inspect showed them, or an empty list if not (yet) known. */
  public List<ContainerNetwork> networks(String dockerId) {
    return networks.getOrDefault(dockerId, List.of());
  }

  public boolean knowsNetworksOf(String dockerId) {
    return networks.containsKey(dockerId);
  }

  /** The container that has {@code ipv4} on one of its networks; best effort, for v2's lookup by caller address. */
  public Optional<String> dockerIdByIpv4(String ipv4) {
    return networks.entrySet().stream()
        .filter(entry -> entry.getValue().stream().anyMatch(network -> network.ipv4Addresses().contains(ipv4)))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The containers the cache holds anything for. */
  public Set<String> containers() {
    Set<String> all = new HashSet<>(samples.keySet());
    all.addAll(networks.keySet());
    return all;
  }

  /** Stores a new sample, with CPU and network figures relative to the one before. */
  public void record(String dockerId, ObjectNode sample) {
    samples.compute(dockerId, (id, previous) -> withPrevious(sample, previous == null ? null : previous.docker()));
  }

  public void recordNetworks(String dockerId, List<ContainerNetwork> attached) {
    networks.put(dockerId, List.copyOf(attached));
  }

  /** Forgets a container: it stopped or was removed. */
  public void remove(String dockerId) {
    samples.remove(dockerId);
    networks.remove(dockerId);
  }

  /** Forgets every container not in {@code polled}. */
  public void retainOnly(Set<String> polled) {
    samples.keySet().retainAll(polled);
    networks.keySet().retainAll(polled);
  }

  static ContainerStats withPrevious(ObjectNode sample, ObjectNode previous) {
    if (previous == null) {
      return new ContainerStats(sample, null);
    }
    ObjectNode merged = sample;
    if (isOneShot(sample) && previous.hasNonNull("cpu_stats")) {
      merged = sample.deepCopy();
      merged.set("precpu_stats", previous.get("cpu_stats").deepCopy());
      merged.put("preread", previous.path("read").asText());
    }
    return new ContainerStats(merged, networkRate(previous, sample));
  }

  private static boolean isOneShot(ObjectNode sample) {
    return sample.path("preread").asText("").startsWith(GO_ZERO_TIME_PREFIX);
  }

  /** Bytes per second over all interfaces between two samples; null if the counters went back or no time passed. */
  static NetworkRate networkRate(JsonNode earlier, JsonNode later) {
    Optional<Instant> from = readTime(earlier);
    Optional<Instant> to = readTime(later);
    if (from.isEmpty() || to.isEmpty() || !later.has("networks")) {
      return null;
    }
    double seconds = Duration.between(from.get(), to.get()).toNanos() / 1e9;
    long rx = total(later, "rx_bytes") - total(earlier, "rx_bytes");
    long tx = total(later, "tx_bytes") - total(earlier, "tx_bytes");
    if (seconds <= 0 || rx < 0 || tx < 0) {
      return null;
    }
    return new NetworkRate(rx / seconds, tx / seconds);
  }

  private static long total(JsonNode sample, String counter) {
    long sum = 0;
    for (JsonNode network : sample.path("networks")) {
      sum += network.path(counter).asLong(0);
    }
    return sum;
  }

  private static Optional<Instant> readTime(JsonNode sample) {
    try {
      return Optional.of(Instant.parse(sample.path("read").asText("")));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
