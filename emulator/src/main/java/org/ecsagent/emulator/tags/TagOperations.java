package org.ecsagent.emulator.tags;

import java.util.List;
import java.util.function.Predicate;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.CallContext;
import org.ecsagent.emulator.api.ErrorShape;
import org.ecsagent.emulator.api.OperationTable;

/** TagResource, UntagResource and ListTagsForResource, for any resource the emulator knows by ARN. */
public final class TagOperations {
  private final ResourceTags tags;
  private final Predicate<String> exists;

  /**
   * @param exists whether a resource ARN names a cluster, task definition, task, service or
   *     container instance the emulator knows
   */
  public TagOperations(ResourceTags tags, Predicate<String> exists) {
    this.tags = tags;
    this.exists = exists;
  }

  public void registerWith(OperationTable table) {
    table.register("TagResource", TagResourceRequest.class, this::tagResource)
        .register("UntagResource", UntagResourceRequest.class, this::untagResource)
        .register("ListTagsForResource", ListTagsForResourceRequest.class, this::listTagsForResource);
  }

  public record TagResourceRequest(String resourceArn, List<Tag> tags) {}

  public record UntagResourceRequest(String resourceArn, List<String> tagKeys) {}

  public record ListTagsForResourceRequest(String resourceArn) {}

  public record ListTagsForResourceResponse(List<Tag> tags) {}

  public record Empty() {}

  Empty tagResource(TagResourceRequest request, CallContext context) {
    String arn = existing(request.resourceArn());
    if (request.tags() == null || request.tags().isEmpty()) {
      throw ApiException.invalidParameter("tags can not be empty.");
    }
    tags.tag(arn, request.tags());
    return new Empty();
  }

  Empty untagResource(UntagResourceRequest request, CallContext context) {
    String arn = existing(request.resourceArn());
    if (request.tagKeys() == null || request.tagKeys().isEmpty()) {
      throw ApiException.invalidParameter("tagKeys can not be empty.");
    }
    tags.untag(arn, request.tagKeys());
    return new Empty();
  }

  ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request, CallContext context) {
    if (request.resourceArn() == null || !exists.test(request.resourceArn())) {
      throw ApiException.invalidParameter("The specified resource is not valid: " + request.resourceArn() + ".");
    }
    return new ListTagsForResourceResponse(tags.of(request.resourceArn()));
  }

  private String existing(String arn) {
    if (arn == null || arn.isBlank()) {
      throw ApiException.invalidParameter("resourceArn is required.");
    }
    if (!exists.test(arn)) {
      throw new ApiException(ErrorShape.RESOURCE_NOT_FOUND, "The specified resource could not be found.");
    }
    return arn;
  }
}
