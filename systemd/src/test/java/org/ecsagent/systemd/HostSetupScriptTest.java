package org.ecsagent.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ecs-agent-host pre-start|post-stop}, each run in a fresh network namespace
 * ({@code unshare --net}): its own netfilter tables and its own {@code route_localnet}, so the
 * host's rules (Docker's, other tests') are never touched.
 */
class HostSetupScriptTest {
  private static final String DNAT = "-j DNAT --to-destination 127.0.0.1:";
  private static final String REDIRECT = "-j REDIRECT --to-ports ";
  private static final String LOCALHOST_FILTER = "--ctstate RELATED,ESTABLISHED,DNAT -j DROP";

  @TempDir Path tmp;
  private Map<String, String> env;

  @BeforeEach
  void requireRootAndTools() {
    HostRequirements.requireRoot();
    HostRequirements.requireCommands("unshare", "iptables", "iptables-save");
    env = new HashMap<>(Map.of(
        "HOST_SCRIPT", SystemdSources.hostScript().toString(),
        "RUNTIME_DIRECTORY", tmp.resolve("run").toString(),
        "ECS_DATADIR", tmp.resolve("data").toString()));
  }

  @Test
  void preStartAddsTheEndpointRulesAndPostStopRemovesThem() throws Exception {
    String out = inFreshNetworkNamespace("""
        bash "$HOST_SCRIPT" pre-start
        echo "=== route_localnet $(cat /proc/sys/net/ipv4/conf/all/route_localnet)"; iptables-save
        echo "=== recorded"; cat "$RUNTIME_DIRECTORY/host-setup"
        bash "$HOST_SCRIPT" post-stop
        echo "=== after post-stop, route_localnet $(cat /proc/sys/net/ipv4/conf/all/route_localnet)"; iptables-save
        echo "=== state file left: $(ls "$RUNTIME_DIRECTORY")"
        """);

    String afterPreStart = section(out, "=== route_localnet", "=== recorded");
    assertThat(afterPreStart).startsWith("=== route_localnet 1");
    assertThat(afterPreStart).contains("-A PREROUTING -d 169.254.170.2/32 -p tcp -m tcp --dport 80 " + DNAT + "51679");
    assertThat(afterPreStart).contains("-A OUTPUT -d 169.254.170.2/32 -p tcp -m tcp --dport 80 " + REDIRECT + "51679");
    assertThat(afterPreStart).contains(LOCALHOST_FILTER);
    String afterPostStop = section(out, "=== after post-stop", "=== state file left");
    assertThat(afterPostStop).startsWith("=== after post-stop, route_localnet 0");
    assertThat(afterPostStop).doesNotContain("169.254.170.2").doesNotContain(LOCALHOST_FILTER);
    assertThat(out).contains("=== state file left: \n");
    assertThat(Files.getPosixFilePermissions(tmp.resolve("data"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void preStartTwiceAddsEachRuleOnce() throws Exception {
    String out = inFreshNetworkNamespace("""
        bash "$HOST_SCRIPT" pre-start
        bash "$HOST_SCRIPT" pre-start
        echo "=== twice"; iptables-save
        bash "$HOST_SCRIPT" post-stop
        echo "=== after post-stop $(cat /proc/sys/net/ipv4/conf/all/route_localnet)"; iptables-save
        """);

    String twice = section(out, "=== twice", "=== after post-stop");
    assertThat(occurrences(twice, DNAT)).isEqualTo(1);
    assertThat(occurrences(twice, REDIRECT)).isEqualTo(1);
    assertThat(occurrences(twice, LOCALHOST_FILTER)).isEqualTo(1);
    String after = out.substring(out.indexOf("=== after post-stop"));
    assertThat(after).startsWith("=== after post-stop 0").doesNotContain("169.254.170.2").doesNotContain(LOCALHOST_FILTER);
  }

  @Test
  void postStopLeavesWhatWasThereBefore() throws Exception {
    String out = inFreshNetworkNamespace("""
        echo 1 > /proc/sys/net/ipv4/conf/all/route_localnet
        iptables -w -t nat -A OUTPUT -p tcp -d 169.254.170.2 --dport 80 -j REDIRECT --to-ports 51679
        bash "$HOST_SCRIPT" pre-start
        bash "$HOST_SCRIPT" post-stop
        echo "=== after post-stop $(cat /proc/sys/net/ipv4/conf/all/route_localnet)"; iptables-save
        """);

    String after = out.substring(out.indexOf("=== after post-stop"));
    assertThat(after).startsWith("=== after post-stop 1");
    assertThat(occurrences(after, REDIRECT + "51679")).as("the operator's own rule").isEqualTo(1);
    assertThat(after).doesNotContain(DNAT).doesNotContain(LOCALHOST_FILTER);
  }

  @Test
  void followsTheEndpointPortAndTheLocalhostFilterSetting() throws Exception {
    env.put("ECS_AGENT_ENDPOINT_PORT", "18080");
    env.put("ECS_SKIP_LOCALHOST_TRAFFIC_FILTER", "true");
    String withPort = inFreshNetworkNamespace("bash \"$HOST_SCRIPT\" pre-start; iptables-save");
    assertThat(withPort).contains(DNAT + "18080").contains(REDIRECT + "18080").doesNotContain(LOCALHOST_FILTER);

    env.put("ECS_AGENT_ENDPOINT_PORT", "0");
    String disabled = inFreshNetworkNamespace("bash \"$HOST_SCRIPT\" pre-start; iptables-save");
    assertThat(disabled).doesNotContain("169.254.170.2");
  }

  /**
   * The point of it all: a container (a second namespace on a veth pair) and the host itself reach
   * a server on 127.0.0.1:PORT by calling 169.254.170.2:80, while the container cannot reach the
   * host's 127.0.0.1 services directly.
   */
  @Test
  void containersAndTheHostReachTheEndpointAt169_254_170_2() throws Exception {
    HostRequirements.requireCommands("ip", "busybox");
    env.put("ECS_AGENT_ENDPOINT_PORT", "18080");
    String out = inFreshNetworkNamespace("""
        ip link set lo up
        ip netns add ctr
        trap 'ip netns del ctr' EXIT
        ip link add veth-host type veth peer name veth-ctr netns ctr
        ip addr add 169.254.123.1/30 dev veth-host
        ip link set veth-host up
        ip netns exec ctr ip link set lo up
        ip netns exec ctr ip addr add 169.254.123.2/30 dev veth-ctr
        ip netns exec ctr ip link set veth-ctr up
        ip netns exec ctr ip route add default via 169.254.123.1
        # On EC2 the link-local route exists; here the host side needs one to reach the REDIRECT.
        ip route add 169.254.170.2/32 dev lo src 127.0.0.1
        bash "$HOST_SCRIPT" pre-start
        busybox nc -ll -p 18080 -e /bin/echo endpoint-reached &
        server=$!
        timeout 10 bash -c 'until busybox netstat -ltn | grep -q ":18080 "; do :; done'
        echo "host: $(timeout 5 busybox nc 169.254.170.2 80 </dev/null)"
        echo "container: $(ip netns exec ctr timeout 5 busybox nc 169.254.170.2 80 </dev/null)"
        kill $server
        bash "$HOST_SCRIPT" post-stop
        busybox nc -ll -p 18080 -e /bin/echo endpoint-reached &
        server=$!
        timeout 10 bash -c 'until busybox netstat -ltn | grep -q ":18080 "; do :; done'
        echo "container after post-stop: $(ip netns exec ctr timeout 5 busybox nc 169.254.170.2 80 </dev/null || true)"
        kill $server
        """);

    assertThat(out).contains("host: endpoint-reached");
    assertThat(out).contains("container: endpoint-reached");
    assertThat(out).contains("container after post-stop: \n");
  }

  private String inFreshNetworkNamespace(String script) {
    // --mount as well, so `ip netns add` inside stays private to this run.
    return HostCommand.of("unshare", "--net", "--mount", "bash", "-euo", "pipefail", "-c", script)
        .withEnvironment(env).succeeds().stdout();
  }

  private static String section(String out, String from, String to) {
    int start = out.indexOf(from);
    int end = out.indexOf(to, start);
    assertThat(start).as("section %s in:%n%s", from, out).isNotNegative();
    return end < 0 ? out.substring(start) : out.substring(start, end);
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
