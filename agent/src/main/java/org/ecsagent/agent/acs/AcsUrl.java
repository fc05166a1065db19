package org.ecsagent.agent.acs;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The ACS websocket URL as the original agent builds it: {@code <endpoint>/ws?...} with the
 * query keys sorted (Go's url.Values encoding), http(s) turned into ws(s).
 */
final class AcsUrl {
  private AcsUrl() {}

  static URI build(URI endpoint, String clusterArn, String containerInstanceArn, String agentVersion, String agentHash,
      String dockerVersion, boolean sendCredentials, long seqNum) {
    Map<String, String> query = new TreeMap<>();
    query.put("agentHash", agentHash);
    query.put("agentVersion", agentVersion);
    query.put("clusterArn", clusterArn);
    query.put("containerInstanceArn", containerInstanceArn);
    query.put("dockerVersion", "DockerVersion: " + dockerVersion);
    query.put("protocolVersion", "2");
    query.put("sendCredentials", Boolean.toString(sendCredentials));
    query.put("seqNum", Long.toString(seqNum));
    String encoded = query.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    String scheme = "https".equalsIgnoreCase(endpoint.getScheme()) ? "wss" : "ws";
    String base = endpoint.toString().replaceFirst("^[a-zA-Z]+://", scheme + "://").replaceAll("/+$", "");
    return URI.create(base + "/ws?" + encoded);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
