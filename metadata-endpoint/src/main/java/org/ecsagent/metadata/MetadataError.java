package org.ecsagent.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One part of a task answer that could not be fetched, as an element of the task's
 * {@code Errors} array: the original's {@code ErrorResponse} (newer agents write it in
 * {@code /v4/<id>/taskWithTags} when ECS {@code ListTagsForResource} fails). Fields left empty are
 * not written.
 *
 * @param errorField the field that is missing or incomplete: {@code TaskTags} or {@code ContainerInstanceTags}
 * @param errorCode the AWS error code, e.g. {@code AccessDeniedException}, if the service answered
 * @param errorMessage what went wrong
 * @param statusCode the service's HTTP status, if it answered
 * @param requestId the service's request ID, if it answered
 * @param resourceArn the resource whose data is missing
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MetadataError(
    @JsonProperty("ErrorField") String errorField,
    @JsonProperty("ErrorCode") String errorCode,
    @JsonProperty("ErrorMessage") String errorMessage,
    @JsonProperty("StatusCode") Integer statusCode,
    @JsonProperty("RequestId") String requestId,
    @JsonProperty("ResourceARN") String resourceArn) {

  public static final String TASK_TAGS = "TaskTags";
  public static final String CONTAINER_INSTANCE_TAGS = "ContainerInstanceTags";
}
