package org.ecsagent.protocol.acs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.ecsagent.protocol.acs.AcsMessages.AckRequest;
import org.ecsagent.protocol.acs.AcsMessages.AcsMessage;
import org.ecsagent.protocol.acs.AcsMessages.CloseMessage;
import org.ecsagent.protocol.acs.AcsMessages.ErrorMessage;
import org.ecsagent.protocol.acs.AcsMessages.HeartbeatAckRequest;
import org.ecsagent.protocol.acs.AcsMessages.HeartbeatMessage;
import org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentialsAckRequest;
import org.ecsagent.protocol.acs.AcsMessages.IAMRoleCredentialsMessage;
import org.ecsagent.protocol.acs.AcsMessages.NackRequest;
import org.ecsagent.protocol.acs.AcsMessages.PayloadMessage;
import org.ecsagent.protocol.acs.AcsMessages.TaskManifestMessage;
import org.ecsagent.protocol.acs.AcsMessages.TaskStopVerificationAck;
import org.ecsagent.protocol.acs.AcsMessages.TaskStopVerificationMessage;
import org.ecsagent.protocol.acs.AcsMessages.UnknownMessage;

/**
 * Encodes and decodes ACS websocket text frames: {@code {"type":"<ShapeName>","message":{...}}}.
 *
 * <p>Decoding never throws for a well-formed frame of an unknown type (it yields
 * {@link UnknownMessage}); a frame that is not JSON, or lacks {@code type}/{@code message}, is an
 * {@link AcsProtocolException} with a message that says what was wrong.
 */
public final class AcsCodec {
  /** Frames larger than this are refused before parsing (the original's buffers are far smaller). */
  public static final int MAX_FRAME_CHARS = 4 * 1024 * 1024;

  private static final Map<String, Class<? extends AcsMessage>> TYPES = Map.ofEntries(
      Map.entry("PayloadMessage", PayloadMessage.class),
      Map.entry("HeartbeatMessage", HeartbeatMessage.class),
      Map.entry("CloseMessage", CloseMessage.class),
      Map.entry("AckRequest", AckRequest.class),
      Map.entry("NackRequest", NackRequest.class),
      Map.entry("HeartbeatAckRequest", HeartbeatAckRequest.class),
      Map.entry("IAMRoleCredentialsMessage", IAMRoleCredentialsMessage.class),
      Map.entry("IAMRoleCredentialsAckRequest", IAMRoleCredentialsAckRequest.class),
      Map.entry("TaskManifestMessage", TaskManifestMessage.class),
      Map.entry("TaskStopVerificationMessage", TaskStopVerificationMessage.class),
      Map.entry("TaskStopVerificationAck", TaskStopVerificationAck.class));

  /** Exception shapes the service sends (acs-api-2.json), decoded as {@link ErrorMessage}. */
  private static final Set<String> ERROR_TYPES = Set.of(
      "ErrorMessage", "AccessDeniedException", "BadRequestException", "InactiveInstanceException",
      "InvalidClusterException", "InvalidInstanceException", "ServerException");

  private final ObjectMapper mapper;

  public AcsCodec() {
    this.mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  public String encode(AcsMessage message) {
    ObjectNode frame = mapper.createObjectNode();
    if (message instanceof ErrorMessage error) {
      frame.put("type", error.errorType() == null ? "ErrorMessage" : error.errorType());
      frame.putObject("message").put("message", error.message());
    } else if (message instanceof UnknownMessage unknown) {
      throw new IllegalArgumentException("cannot encode an unknown message of type " + unknown.type());
    } else {
      frame.put("type", message.getClass().getSimpleName());
      frame.set("message", mapper.valueToTree(message));
    }
    try {
      return mapper.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  public AcsMessage decode(String text) throws AcsProtocolException {
    if (text.length() > MAX_FRAME_CHARS) {
      throw new AcsProtocolException("frame of " + text.length() + " chars exceeds the limit of " + MAX_FRAME_CHARS);
    }
    JsonNode frame;
    try {
      frame = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AcsProtocolException("frame is not valid JSON: " + e.getOriginalMessage());
    }
    if (frame == null || !frame.isObject()) {
      throw new AcsProtocolException("frame is not a JSON object");
    }
    JsonNode type = frame.get("type");
    JsonNode body = frame.get("message");
    if (type == null || !type.isTextual()) {
      throw new AcsProtocolException("frame has no string field 'type'");
    }
    if (body == null || !body.isObject()) {
      throw new AcsProtocolException("frame of type " + type.asText() + " has no object field 'message'");
    }
    String typeName = type.asText();
    if (ERROR_TYPES.contains(typeName)) {
      JsonNode msg = body.get("message");
      return new ErrorMessage(typeName, msg == null ? null : msg.asText());
    }
    Class<? extends AcsMessage> target = TYPES.get(typeName);
    if (target == null) {
      return new UnknownMessage(typeName);
    }
    try {
      return mapper.treeToValue(body, target);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new AcsProtocolException("malformed " + typeName + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** The mapper configured for ACS shapes, for callers that build messages from JSON. */
  public ObjectMapper mapper() {
    return mapper;
  }
}
