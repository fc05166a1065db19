package org.ecsagent.agent.acs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AcsUrlTest {
  @Test
  void buildsTheOriginalsQueryWithSortedKeysAndWebsocketScheme() {
    URI uri = AcsUrl.build(URI.create("https://ecs-a-1.us-east-1.amazonaws.com/"), "arn:c", "arn:i/1", "0.1.0", "abc",
        "20.10.24", true, 1);
    assertThat(uri.getScheme()).isEqualTo("wss");
    assertThat(uri.getPath()).isEqualTo("/ws");
    assertThat(uri.getRawQuery()).isEqualTo("agentHash=abc&agentVersion=0.1.0&clusterArn=arn%3Ac"
        + "&containerInstanceArn=arn%3Ai%2F1&dockerVersion=DockerVersion%3A+20.10.24&protocolVersion=2"
        + "&sendCredentials=true&seqNum=1");
  }

  @Test
  void plainHttpEndpointBecomesWs() {
    URI uri = AcsUrl.build(URI.create("http://127.0.0.1:8765"), "c", "i", "v", "h", "d", false, 1);
    assertThat(uri.toString()).startsWith("ws://127.0.0.1:8765/ws?");
  }
}
