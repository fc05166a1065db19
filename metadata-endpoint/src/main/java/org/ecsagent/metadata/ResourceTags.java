package org.ecsagent.metadata;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The tags of one ECS resource (a task or the container instance), or why they could not be fetched. */
public sealed interface ResourceTags {

  static ResourceTags found(Map<String, String> tags) {
    return new Found(tags);
  }

  /**
   * @param resourceArn the resource asked about
   * @param errorCode the AWS error code if the service answered, else null
   * @param errorMessage what went wrong, in words
   * @param statusCode the HTTP status if the service answered, else null
   * @param requestId the AWS request ID if the service answered, else null
   */
  static ResourceTags failed(String resourceArn, String errorCode, String errorMessage, Integer statusCode,
      String requestId) {
    return new Failed(resourceArn, errorCode, errorMessage, statusCode, requestId);
  }

  /** Tags by key; Go writes maps sorted by key, and so do we. */
  record Found(Map<String, String> tags) implements ResourceTags {
    public Found {
      tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }
  }

  record Failed(String resourceArn, String errorCode, String errorMessage, Integer statusCode, String requestId)
      implements ResourceTags {
    public Failed {
      Objects.requireNonNull(errorMessage, "errorMessage");
    }

    /** This failure as an element of the task's {@code Errors}, for {@code field}. */
    public MetadataError asError(String field) {
      return new MetadataError(field, errorCode, errorMessage, statusCode, requestId, resourceArn);
    }
  }
}
