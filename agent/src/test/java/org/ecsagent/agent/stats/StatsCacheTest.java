package org.ecsagent.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.ecsagent.metadata.ContainerStats;
import org.junit.jupiter.api.Test;

class StatsCacheTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final StatsCache cache = new StatsCache();

  @Test
  void aFirstOneShotSampleIsServedAsDockerGaveIt() {
    ObjectNode first = FakeDockerStats.oneShot("c1", 1);
    cache.record("c1", first);

    ContainerStats stats = cache.stats("c1").orElseThrow();
    assertThat(stats.docker()).isEqualTo(first);
    assertThat(stats.networkRate()).isNull();
  }

  @Test
  void laterOneShotSamplesGetThePreviousCpuStatsAsPrecpuStats() {
    cache.record("c1", FakeDockerStats.oneShot("c1", 1));
    cache.record("c1", FakeDockerStats.oneShot("c1", 2));

    ObjectNode served = cache.stats("c1").orElseThrow().docker();
    assertThat(served.at("/cpu_stats/cpu_usage/total_usage").asLong()).isEqualTo(2_000_000);
    assertThat(served.at("/precpu_stats/cpu_usage/total_usage").asLong()).isEqualTo(1_000_000);
    assertThat(served.at("/precpu_stats/system_cpu_usage").asLong()).isEqualTo(20_000_000_000L);
    assertThat(served.get("preread").asText()).isEqualTo("2024-05-01T10:00:10.000000000Z");
    assertThat(served.get("read").asText()).isEqualTo("2024-05-01T10:00:20.000000000Z");
  }

  @Test
  void networkRatesAreWorkedOutFromTwoSamples() {
    cache.record("c1", FakeDockerStats.oneShot("c1", 1));
    cache.record("c1", FakeDockerStats.oneShot("c1", 2));

    ContainerStats.NetworkRate rate = cache.stats("c1").orElseThrow().networkRate();
    assertThat(rate.rxBytesPerSecond()).isEqualTo(1000.0); // 10 000 bytes in 10 s
    assertThat(rate.txBytesPerSecond()).isEqualTo(10.0);
  }

  @Test
  void noRateWhenCountersGoBackwardsOrNoTimePasses() throws Exception {
    ObjectNode later = FakeDockerStats.oneShot("c1", 2);
    assertThat(StatsCache.networkRate(later, FakeDockerStats.oneShot("c1", 1))).isNull();
    assertThat(StatsCache.networkRate(later, later)).isNull();
    assertThat(StatsCache.networkRate(JSON.readTree("{}"), later)).isNull();
  }

  @Test
  void aStreamSampleKeepsDockersOwnPrecpuStats() throws Exception {
    ObjectNode withPrecpu = (ObjectNode) JSON.readTree("""
        {"read":"2024-05-01T10:00:02Z","preread":"2024-05-01T10:00:01Z",
         "cpu_stats":{"cpu_usage":{"total_usage":300}},"precpu_stats":{"cpu_usage":{"total_usage":200}}}""");
    cache.record("c1", FakeDockerStats.oneShot("c1", 1));
    cache.record("c1", withPrecpu);

    assertThat(cache.stats("c1").orElseThrow().docker()).isEqualTo(withPrecpu);
  }

  @Test
  void storedSamplesAreNotChangedBehindTheReadersBack() {
    cache.record("c1", FakeDockerStats.oneShot("c1", 1));
    ObjectNode firstServed = cache.stats("c1").orElseThrow().docker();
    String before = firstServed.toString();

    cache.record("c1", FakeDockerStats.oneShot("c1", 2));

    assertThat(firstServed.toString()).isEqualTo(before);
  }

  @Test
  void findsTheContainerByItsAddressAndForgetsWhatIsNotPolled() {
    cache.recordNetworks("c1", List.of(new ContainerNetwork("bridge", List.of("172.17.0.2"))));
    cache.recordNetworks("c2", List.of(new ContainerNetwork("bridge", List.of("172.17.0.3"))));
    cache.record("c2", FakeDockerStats.oneShot("c2", 1));

    assertThat(cache.dockerIdByIpv4("172.17.0.3")).hasValue("c2");
    assertThat(cache.dockerIdByIpv4("10.0.0.1")).isEmpty();
    assertThat(cache.networks("c1")).containsExactly(new ContainerNetwork("bridge", List.of("172.17.0.2")));

    cache.retainOnly(Set.of("c1"));

    assertThat(cache.containers()).containsExactly("c1");
    assertThat(cache.stats("c2")).isEmpty();
    assertThat(cache.dockerIdByIpv4("172.17.0.3")).isEmpty();
  }
}
