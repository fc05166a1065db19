package org.ecsagent.agent.endpoints;

import java.util.Map;

/**
 * ECS {@code ListTagsForResource} for one ARN (a task or this container instance): what
 * {@code taskWithTags} needs from the control plane. Blocks; throws when ECS does not answer or
 * refuses (an {@code AwsServiceException} keeps its error code, status and request ID).
 */
@FunctionalInterface
public interface ResourceTagLookup {

  /** For an agent without an ECS tags call: every lookup fails, saying so. */
  ResourceTagLookup UNSUPPORTED = arn -> {
    throw new UnsupportedOperationException("this agent does not fetch tags from ECS yet");
  };

  Map<String, String> tags(String resourceArn) throws Exception;
}
