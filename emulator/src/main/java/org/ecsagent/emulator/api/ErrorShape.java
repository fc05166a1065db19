package org.ecsagent.emulator.api;

/**
 * The error shapes the emulator answers with: the {@code __type} an awsJson client maps to an
 * exception class, and the HTTP status real ECS sends with it.
 */
public enum ErrorShape {
  CLIENT("ClientException", 400),
  INVALID_PARAMETER("InvalidParameterException", 400),
  CLUSTER_NOT_FOUND("ClusterNotFoundException", 400),
  SERVER("ServerException", 500),
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
}
