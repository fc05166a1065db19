package org.ecsagent.agent.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Docker as the poller sees it: containers that exist, one-shot samples that count up, calls recorded. */
final class FakeDockerStats implements DockerStats {
  private static final ObjectMapper JSON = new ObjectMapper();

  final List<String> sampled = Collections.synchronizedList(new ArrayList<>());
  final List<String> inspected = Collections.synchronizedList(new ArrayList<>());
  final Set<String> existing = Collections.synchronizedSet(new HashSet<>());
  final Set<String> broken = Collections.synchronizedSet(new HashSet<>());
  final Map<String, String> addresses = Collections.synchronizedMap(new HashMap<>());
  private final Map<String, Integer> samplesTaken = new HashMap<>();
  boolean closed;

  FakeDockerStats with(String id, String ipv4) {
    existing.add(id);
    addresses.put(id, ipv4);
    return this;
  }

  @Override
  public synchronized Optional<ObjectNode> sample(String containerId) {
    sampled.add(containerId);
    if (broken.contains(containerId)) {
      throw new DockerStatsException("stats " + containerId + ": Docker answered 500: boom", null);
    }
    if (!existing.contains(containerId)) {
      return Optional.empty();
    }
    int n = samplesTaken.merge(containerId, 1, Integer::sum);
    return Optional.of(oneShot(containerId, n));
  }

  @Override
  public Optional<List<ContainerNetwork>> networks(String containerId) {
    inspected.add(containerId);
    if (!existing.contains(containerId)) {
      return Optional.empty();
    }
    return Optional.of(List.of(new ContainerNetwork("bridge", List.of(addresses.get(containerId)))));
  }

  @Override
  public void close() {
    closed = true;
  }

  /** The n-th sample: 10 s after the one before, CPU and network counters growing. */
  static ObjectNode oneShot(String id, int n) {
    try {
      return (ObjectNode) JSON.readTree("""
          {"read":"2024-05-01T10:00:%02d.000000000Z","preread":"0001-01-01T00:00:00Z",
           "cpu_stats":{"cpu_usage":{"total_usage":%d},"system_cpu_usage":%d,"online_cpus":2},
           "precpu_stats":{"cpu_usage":{"total_usage":0},"throttling_data":{}},
           "memory_stats":{"usage":%d,"limit":67108864},
           "name":"/c-%s","id":"%s",
           "networks":{"eth0":{"rx_bytes":%d,"tx_bytes":%d}}}
          """.formatted(n * 10 % 60, n * 1_000_000L, n * 20_000_000_000L, 5_000_000 + n, id, id, n * 10_000, n * 100));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
