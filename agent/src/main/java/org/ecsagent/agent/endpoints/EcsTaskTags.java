package org.ecsagent.agent.endpoints;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ecsagent.metadata.ResourceTags;
import org.ecsagent.metadata.TaskTagsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Tags for {@code taskWithTags}, asked of ECS per request (as the original does) off the event
 * loop, each lookup bounded by a timeout below the endpoint's own. A lookup that fails or times
 * out becomes a {@link ResourceTags.Failed} with the service's error code, message, status and
 * request ID when it answered, so the response's {@code Errors} says what happened.
 */
public final class EcsTaskTags implements TaskTagsSource {
  private static final Logger log = LoggerFactory.getLogger(EcsTaskTags.class);

  /** The original's timeout for its ECS calls from the endpoint; under the endpoint's 5 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(4);

  private final String containerInstanceArn;
  private final ResourceTagLookup lookup;
  private final Executor executor;
  private final Duration timeout;

  public EcsTaskTags(String containerInstanceArn, ResourceTagLookup lookup, Executor executor, Duration timeout) {
    this.containerInstanceArn = containerInstanceArn;
    this.lookup = lookup;
    this.executor = executor;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<ResourceTags> containerInstanceTags() {
    return tagsOf(containerInstanceArn);
  }

  @Override
  public CompletionStage<ResourceTags> taskTags(String taskArn) {
    return tagsOf(taskArn);
  }

  private CompletionStage<ResourceTags> tagsOf(String arn) {
    return CompletableFuture.supplyAsync(() -> fetch(arn), executor)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(e -> failure(arn, e));
  }

  private ResourceTags fetch(String arn) {
    try {
      return ResourceTags.found(Map.copyOf(lookup.tags(arn)));
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /** What went wrong, with the service's own error code, status and request ID when it answered. */
  static ResourceTags.Failed failure(String arn, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    ResourceTags.Failed failed = switch (cause) {
      case AwsServiceException aws -> new ResourceTags.Failed(arn,
          aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode(),
          aws.awsErrorDetails() == null || aws.awsErrorDetails().errorMessage() == null
              ? aws.getMessage() : aws.awsErrorDetails().errorMessage(),
          aws.statusCode() == 0 ? null : aws.statusCode(),
          aws.requestId());
      case TimeoutException late -> new ResourceTags.Failed(arn, null, "ECS did not answer in time", null, null);
      default -> new ResourceTags.Failed(arn, null,
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), null, null);
    };
    if (cause instanceof UnsupportedOperationException) {
      log.debug("no tags for {}: {}", arn, failed.errorMessage());
    } else {
      log.warn("cannot get tags of {}: {}", arn, failed.errorMessage());
    }
    return failed;
  }
}
