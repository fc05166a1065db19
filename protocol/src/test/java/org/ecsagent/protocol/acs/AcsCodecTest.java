package org.ecsagent.protocol.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.ecsagent.protocol.acs.AcsMessages.AckRequest;
import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;
import org.ecsagent.protocol.acs.AcsMessages.Container;
import org.ecsagent.protocol.acs.AcsMessages.ErrorMessage;
import org.ecsagent.protocol.acs.AcsMessages.HeartbeatMessage;
import org.ecsagent.protocol.acs.AcsMessages.PayloadMessage;
import org.ecsagent.protocol.acs.AcsMessages.UnknownMessage;
import org.junit.jupiter.api.Test;

class AcsCodecTest {
  private final AcsCodec codec = new AcsCodec();

  @Test
  void decodesPayloadMessageFromTheWireShape() throws Exception {
    String frame = """
        {"type":"PayloadMessage","message":{"messageId":"m1","seqNum":3,"clusterArn":"arn:c",
         "containerInstanceArn":"arn:i","generatedAt":1,"futureField":{"x":1},
         "tasks":[{"arn":"arn:t","family":"f","version":"2","desiredStatus":"RUNNING",
           "containers":[{"name":"web","image":"local/busybox:1","command":["sleep","30"],
             "environment":{"A":"1"},"essential":true,"portMappings":[{"containerPort":80,"hostPort":8080,"protocol":"tcp"}]}]}]}}
        """;
    AcsMessage message = codec.decode(frame);
    assertThat(message).isInstanceOf(PayloadMessage.class);
    PayloadMessage payload = (PayloadMessage) message;
    assertThat(payload.seqNum()).isEqualTo(3);
    Container container = payload.tasks().get(0).containers().get(0);
    assertThat(container.command()).containsExactly("sleep", "30");
    assertThat(container.environment()).isEqualTo(Map.of("A", "1"));
    assertThat(container.portMappings().get(0).hostPort()).isEqualTo(8080);
  }

  @Test
  void encodesReplyWithTypeEnvelope() throws Exception {
    String frame = codec.encode(new AckRequest("c", "i", "m1"));
    assertThat(frame).isEqualTo("{\"type\":\"AckRequest\",\"message\":{\"cluster\":\"c\",\"containerInstance\":\"i\",\"messageId\":\"m1\"}}");
    assertThat(codec.decode(frame)).isEqualTo(new AckRequest("c", "i", "m1"));
  }

  @Test
  void roundTripsHeartbeat() throws Exception {
    assertThat(codec.decode(codec.encode(new HeartbeatMessage(true, "h")))).isEqualTo(new HeartbeatMessage(true, "h"));
  }

  @Test
  void unknownTypeIsNotAnError() throws Exception {
    assertThat(codec.decode("{\"type\":\"NewFancyMessage\",\"message\":{}}")).isEqualTo(new UnknownMessage("NewFancyMessage"));
  }

  @Test
  void serverExceptionsDecodeAsErrors() throws Exception {
    assertThat(codec.decode("{\"type\":\"InactiveInstanceException\",\"message\":{\"message\":\"gone\"}}"))
        .isEqualTo(new ErrorMessage("InactiveInstanceException", "gone"));
  }

  @Test
  void malformedFramesGetClearErrors() {
    assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(AcsProtocolException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> codec.decode("[1]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> codec.decode("{\"message\":{}}")).hasMessageContaining("'type'");
    assertThatThrownBy(() -> codec.decode("{\"type\":\"PayloadMessage\"}")).hasMessageContaining("'message'");
    assertThatThrownBy(() -> codec.decode("{\"type\":\"PayloadMessage\",\"message\":{\"tasks\":\"nope\"}}"))
        .hasMessageContaining("malformed PayloadMessage");
    assertThatThrownBy(() -> codec.decode("x".repeat(AcsCodec.MAX_FRAME_CHARS + 1))).hasMessageContaining("exceeds");
  }

  @Test
  void credentialsToStringHidesSecrets() {
    var creds = new AcsMessages.IAMRoleCredentials("id", "role", "AKIA", "SECRET", "TOKEN", "2030", "task");
    assertThat(creds.toString()).doesNotContain("SECRET").doesNotContain("TOKEN").doesNotContain("AKIA");
    assertThat(List.of(creds).toString()).doesNotContain("SECRET");
  }

  @Test
  void roundTripsManifestAndStopVerification() throws Exception {
    var id = new AcsMessages.TaskIdentifier("arn:t", "arn:c", "RUNNING");
    var manifest = new AcsMessages.TaskManifestMessage("arn:i", "arn:c", List.of(id), 1L, "m1", 2L);
    assertThat(codec.decode(codec.encode(manifest))).isEqualTo(manifest);
    var verify = new AcsMessages.TaskStopVerificationMessage("m2", List.of(id));
    assertThat(codec.encode(verify)).startsWith("{\"type\":\"TaskStopVerificationMessage\"");
    var ack = new AcsMessages.TaskStopVerificationAck(3L, "m2", List.of(id));
    assertThat(codec.decode(codec.encode(ack))).isEqualTo(ack);
  }
}
