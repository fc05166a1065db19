package org.ecsagent.emulator.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The error shapes the emulator answers with: the {@code __type} an awsJson client maps to an
 * exception class, and the HTTP status real ECS sends with it.
 */
public enum ErrorShape {
  CLIENT("ClientException", 400),
  INVALID_PARAMETER("InvalidParameterException", 400),
  CLUSTER_NOT_FOUND("ClusterNotFoundException", 400),
  SERVER("ServerException", 500),
  THROTTLING("ThrottlingException", 400),
  SERVICE_NOT_FOUND("ServiceNotFoundException", 400),
  SERVICE_NOT_ACTIVE("ServiceNotActiveException", 400),
  TARGET_NOT_FOUND("TargetNotFoundException", 400),
  ATTRIBUTE_LIMIT_EXCEEDED("AttributeLimitExceededException", 400),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
  UNKNOWN_OPERATION("UnknownOperationException", 400),
  SERIALIZATION("SerializationException", 400);

  private final String type;
  private final int httpStatus;

  ErrorShape(String type, int httpStatus) {
    this.type = type;
    this.httpStatus = httpStatus;
  }

  public String type() {
    return type;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The shape whose {@code __type} is {@code type} (e.g. {@code ThrottlingException}). */
  public static Optional<ErrorShape> ofType(String type) {
    return Arrays.stream(values()).filter(s -> s.type.equals(type)).findFirst();
  }
}
