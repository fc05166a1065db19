package org.ecsagent.agent.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ecsagent.metadata.ResourceTags;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;

class EcsTaskTagsTest {
  private static final String INSTANCE = "arn:aws:ecs:us-east-1:123456789012:container-instance/c/i1";
  private static final String TASK = "arn:aws:ecs:us-east-1:123456789012:task/c/t1";

  @Test
  void asksForTheTaskAndTheContainerInstanceByArn() throws Exception {
    EcsTaskTags tags = new EcsTaskTags(INSTANCE, arn -> Map.of("arn", arn), Runnable::run, Duration.ofSeconds(1));

    assertThat(tags.containerInstanceTags().toCompletableFuture().get())
        .isEqualTo(ResourceTags.found(Map.of("arn", INSTANCE)));
    assertThat(tags.taskTags(TASK).toCompletableFuture().get()).isEqualTo(ResourceTags.found(Map.of("arn", TASK)));
  }

  @Test
  void aServiceErrorKeepsItsCodeStatusAndRequestId() throws Exception {
    AccessDeniedException denied = (AccessDeniedException) AccessDeniedException.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
            .errorMessage("not authorized to perform ecs:ListTagsForResource").build())
        .statusCode(400).requestId("req-1").build();
    EcsTaskTags tags = new EcsTaskTags(INSTANCE, arn -> {
      throw denied;
    }, Runnable::run, Duration.ofSeconds(1));

    assertThat(tags.taskTags(TASK).toCompletableFuture().get()).isEqualTo(ResourceTags.failed(TASK,
        "AccessDeniedException", "not authorized to perform ecs:ListTagsForResource", 400, "req-1"));
  }

  @Test
  void aLookupThatTakesTooLongIsReportedAsSuch() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    EcsTaskTags tags = new EcsTaskTags(INSTANCE, arn -> {
      never.await();
      return Map.of();
    }, lookup -> Thread.ofVirtual().start(lookup), Duration.ofMillis(100));

    ResourceTags answer = tags.taskTags(TASK).toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(answer).isEqualTo(ResourceTags.failed(TASK, null, "ECS did not answer in time", null, null));
    never.countDown();
  }

  @Test
  void anAgentWithoutATagsCallSaysSo() throws Exception {
    EcsTaskTags tags = new EcsTaskTags(INSTANCE, ResourceTagLookup.UNSUPPORTED, Runnable::run, Duration.ofSeconds(1));

    assertThat(tags.containerInstanceTags().toCompletableFuture().get()).isEqualTo(
        ResourceTags.failed(INSTANCE, null, "this agent does not fetch tags from ECS yet", null, null));
  }
}
