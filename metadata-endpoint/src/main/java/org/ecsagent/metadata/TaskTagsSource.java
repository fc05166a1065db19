package org.ecsagent.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where {@code taskWithTags} gets the tags of the task and of the container instance; the agent
 * implements it with ECS {@code ListTagsForResource}. The calls leave the host, so each answers
 * with a stage; it must complete (with tags or with a {@link ResourceTags.Failed}) within the
 * server's async timeout, and must not block the calling thread.
 *
 * <p>A failure does not fail the request: the task is answered with the tags that were found and
 * an {@code Errors} entry for each that was not, where the original silently leaves them out.
 */
public interface TaskTagsSource {

  /** For an agent that cannot fetch tags: every lookup fails, saying so. */
  TaskTagsSource UNAVAILABLE = new TaskTagsSource() {
    @Override
    public CompletionStage<ResourceTags> containerInstanceTags() {
      return unavailable(null);
    }

    @Override
    public CompletionStage<ResourceTags> taskTags(String taskArn) {
      return unavailable(taskArn);
    }

    private CompletionStage<ResourceTags> unavailable(String arn) {
      return CompletableFuture.completedFuture(
          ResourceTags.failed(arn, null, "this agent cannot fetch tags from ECS", null, null));
    }
  };

  CompletionStage<ResourceTags> containerInstanceTags();

  CompletionStage<ResourceTags> taskTags(String taskArn);

  /** {@code task} with its tags and the container instance's, both asked for at once, and an error for each missing. */
  default CompletionStage<TaskMetadata> withTags(TaskMetadata task) {
    CompletionStage<ResourceTags> instance = orFailure(containerInstanceTags(), null);
    CompletionStage<ResourceTags> ofTask = orFailure(taskTags(task.taskArn()), task.taskArn());
    return instance.thenCombine(ofTask, (instanceTags, taskTags) -> {
      List<MetadataError> errors = new ArrayList<>();
      Map<String, String> containerInstance = tagsOrError(instanceTags, MetadataError.CONTAINER_INSTANCE_TAGS, errors);
      Map<String, String> taskOnly = tagsOrError(taskTags, MetadataError.TASK_TAGS, errors);
      return task.withTags(taskOnly, containerInstance, errors);
    });
  }

  private static CompletionStage<ResourceTags> orFailure(CompletionStage<ResourceTags> lookup, String arn) {
    return lookup.exceptionally(e -> ResourceTags.failed(arn, null, String.valueOf(rootMessage(e)), null, null));
  }

  private static Map<String, String> tagsOrError(ResourceTags tags, String field, List<MetadataError> errors) {
    return switch (tags) {
      case ResourceTags.Found found -> found.tags();
      case ResourceTags.Failed failed -> {
        errors.add(failed.asError(field));
        yield Map.of();
      }
    };
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
