package org.ecsagent.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task in the task metadata endpoint v4 response shape ({@code GET /v4/<id>/task}); field
 * names are the original's JSON names. {@code Cluster}, {@code TaskARN}, {@code Family},
 * {@code Revision} and {@code KnownStatus} are always written, the others only when set.
 * {@code TaskTags}, {@code ContainerInstanceTags} and {@code Errors} are only set by
 * {@link #withTags} (for {@code taskWithTags}). Build one with {@link #builder()}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TaskMetadata(
    @JsonProperty("Cluster") @JsonInclude(JsonInclude.Include.ALWAYS) String cluster,
    @JsonProperty("TaskARN") @JsonInclude(JsonInclude.Include.ALWAYS) String taskArn,
    @JsonProperty("Family") @JsonInclude(JsonInclude.Include.ALWAYS) String family,
    @JsonProperty("Revision") @JsonInclude(JsonInclude.Include.ALWAYS) String revision,
    @JsonProperty("DesiredStatus") String desiredStatus,
    @JsonProperty("KnownStatus") @JsonInclude(JsonInclude.Include.ALWAYS) String knownStatus,
    @JsonProperty("Containers") List<ContainerMetadata> containers,
    @JsonProperty("Limits") Limits limits,
    @JsonProperty("PullStartedAt") Instant pullStartedAt,
    @JsonProperty("PullStoppedAt") Instant pullStoppedAt,
    @JsonProperty("ExecutionStoppedAt") Instant executionStoppedAt,
    @JsonProperty("AvailabilityZone") String availabilityZone,
    @JsonProperty("LaunchType") String launchType,
    @JsonProperty("ServiceName") String serviceName,
    @JsonProperty("TaskTags") Map<String, String> taskTags,
    @JsonProperty("ContainerInstanceTags") Map<String, String> containerInstanceTags,
    @JsonProperty("Errors") List<MetadataError> errors) {

  /** Our agent runs tasks on EC2 container instances only. */
  public static final String LAUNCH_TYPE_EC2 = "EC2";

  public TaskMetadata {
    cluster = Objects.requireNonNullElse(cluster, "");
    taskArn = Objects.requireNonNullElse(taskArn, "");
    family = Objects.requireNonNullElse(family, "");
    revision = Objects.requireNonNullElse(revision, "");
    knownStatus = Objects.requireNonNullElse(knownStatus, "");
    containers = ContainerMetadata.listOrEmpty(containers);
    taskTags = ContainerMetadata.sortedOrEmpty(taskTags);
    containerInstanceTags = ContainerMetadata.sortedOrEmpty(containerInstanceTags);
    errors = ContainerMetadata.listOrEmpty(errors);
  }

  /**
   * This task as {@code taskWithTags} shows it: with the task's and the container instance's
   * tags, and an {@code Errors} entry for each that could not be fetched.
   */
  public TaskMetadata withTags(Map<String, String> taskTags, Map<String, String> containerInstanceTags,
      List<MetadataError> errors) {
    return new TaskMetadata(cluster, taskArn, family, revision, desiredStatus, knownStatus, containers, limits,
        pullStartedAt, pullStoppedAt, executionStoppedAt, availabilityZone, launchType, serviceName, taskTags,
        containerInstanceTags, errors);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private String cluster;
    private String taskArn;
    private String family;
    private String revision;
    private String desiredStatus;
    private String knownStatus;
    private List<ContainerMetadata> containers;
    private Limits limits;
    private Instant pullStartedAt;
    private Instant pullStoppedAt;
    private Instant executionStoppedAt;
    private String availabilityZone;
    private String launchType = LAUNCH_TYPE_EC2;
    private String serviceName;

    private Builder() {}

    public Builder cluster(String cluster) { this.cluster = cluster; return this; }
    public Builder taskArn(String taskArn) { this.taskArn = taskArn; return this; }
    public Builder family(String family) { this.family = family; return this; }
    public Builder revision(String revision) { this.revision = revision; return this; }
    public Builder desiredStatus(String desiredStatus) { this.desiredStatus = desiredStatus; return this; }
    public Builder knownStatus(String knownStatus) { this.knownStatus = knownStatus; return this; }
    public Builder containers(List<ContainerMetadata> containers) { this.containers = containers; return this; }
    public Builder limits(Limits limits) { this.limits = limits; return this; }
    public Builder pullStartedAt(Instant pullStartedAt) { this.pullStartedAt = pullStartedAt; return this; }
    public Builder pullStoppedAt(Instant pullStoppedAt) { this.pullStoppedAt = pullStoppedAt; return this; }
    public Builder executionStoppedAt(Instant executionStoppedAt) { this.executionStoppedAt = executionStoppedAt; return this; }
    public Builder availabilityZone(String availabilityZone) { this.availabilityZone = availabilityZone; return this; }
    public Builder launchType(String launchType) { this.launchType = launchType; return this; }
    public Builder serviceName(String serviceName) { this.serviceName = serviceName; return this; }

    public TaskMetadata build() {
      return new TaskMetadata(cluster, taskArn, family, revision, desiredStatus, knownStatus,
          containers, limits, pullStartedAt, pullStoppedAt, executionStoppedAt, availabilityZone,
          launchType, serviceName, Map.of(), Map.of(), List.of());
    }
  }
}
