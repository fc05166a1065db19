package org.ecsagent.protocol.acs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The ACS (agent communication service) message shapes, as {@code acs-api-2.json} spells them.
 * Field names are the wire names; unknown fields are ignored so a newer control plane never
 * breaks an older agent. Shapes the agent does not interpret yet are kept as raw {@link JsonNode}.
 */
public final class AcsMessages {
  private AcsMessages() {}

  /** Every message that travels in a {@code {"type":..., "message":...}} frame. */
  public sealed interface AcsMessage
      permits PayloadMessage, HeartbeatMessage, CloseMessage, ErrorMessage, AckRequest, NackRequest,
          HeartbeatAckRequest, IAMRoleCredentialsMessage, IAMRoleCredentialsAckRequest, TaskManifestMessage,
          TaskStopVerificationMessage, TaskStopVerificationAck, UnknownMessage {}

  // ---- control plane -> agent ----

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PayloadMessage(
      String containerInstanceArn,
      String clusterArn,
      List<Task> tasks,
      Long generatedAt,
      String messageId,
      Integer seqNum,
      Long timeline) implements AcsMessage {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HeartbeatMessage(Boolean healthy, String messageId) implements AcsMessage {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CloseMessage(String message) implements AcsMessage {}

  /**
   * A server-side error. On the wire the frame's {@code type} is the exception name (for example
   * {@code InactiveInstanceException}); {@link AcsCodec} puts it in {@link #errorType}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ErrorMessage(String errorType, String message) implements AcsMessage {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IAMRoleCredentialsMessage(
      String taskArn, String taskClusterArn, IAMRoleCredentials roleCredentials, String roleType, String messageId)
      implements AcsMessage {}

  /** The tasks the control plane believes run on this instance; the agent verifies before stopping others. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TaskManifestMessage(
      String containerInstanceArn, String clusterArn, List<TaskIdentifier> tasks, Long generatedAt, String messageId,
      Long timeline) implements AcsMessage {}

  /** The control plane's answer to a {@link TaskStopVerificationMessage}: the candidates it confirms should stop. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TaskStopVerificationAck(Long generatedAt, String messageId, List<TaskIdentifier> stopTasks)
      implements AcsMessage {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TaskIdentifier(String taskArn, String taskClusterArn, String desiredStatus) {}

  // ---- agent -> control plane ----

  /** Tasks running here that a manifest did not list: the agent asks before stopping them. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TaskStopVerificationMessage(String messageId, List<TaskIdentifier> stopCandidates)
      implements AcsMessage {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AckRequest(String cluster, String containerInstance, String messageId) implements AcsMessage {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NackRequest(String cluster, String containerInstance, String messageId, String reason)
      implements AcsMessage {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HeartbeatAckRequest(String messageId) implements AcsMessage {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IAMRoleCredentialsAckRequest(String messageId, String expiration, String credentialsId)
      implements AcsMessage {}

  /** A frame whose type this side does not know: logged and dropped, as the original does. */
  public record UnknownMessage(String type) implements AcsMessage {}

  // ---- task shapes ----

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Task(
      String arn,
      String taskClusterArn,
      List<Container> containers,
      String desiredStatus,
      String family,
      String version,
      List<Volume> volumes,
      IAMRoleCredentials roleCredentials,
      IAMRoleCredentials executionRoleCredentials,
      Double cpu,
      Integer memory,
      String pidMode,
      String ipcMode,
      String launchType,
      String networkMode,
      String serviceName,
      String group) {

    /** The same task without its role credentials, which must never be written to disk. */
    public Task withoutCredentials() {
      return new Task(arn, taskClusterArn, containers, desiredStatus, family, version, volumes, null, null, cpu, memory,
          pidMode, ipcMode, launchType, networkMode, serviceName, group);
    }

    /** The same task with another desired status (the control plane's stop request). */
    public Task withDesiredStatus(String status) {
      return new Task(arn, taskClusterArn, containers, status, family, version, volumes, roleCredentials,
          executionRoleCredentials, cpu, memory, pidMode, ipcMode, launchType, networkMode, serviceName, group);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Container(
      String name,
      String image,
      List<String> command,
      List<String> entryPoint,
      Integer cpu,
      Integer memory,
      Map<String, String> environment,
      List<EnvironmentFile> environmentFiles,
      Boolean essential,
      List<String> links,
      List<PortMapping> portMappings,
      List<MountPoint> mountPoints,
      List<VolumeFrom> volumesFrom,
      DockerConfig dockerConfig,
      JsonNode registryAuthentication,
      JsonNode secrets,
      List<ContainerDependency> dependsOn,
      Integer startTimeout,
      Integer stopTimeout,
      String healthCheckType,
      Boolean privileged,
      JsonNode linuxParameters,
      String containerArn) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PortMapping(Integer containerPort, Integer hostPort, String containerPortRange, String protocol) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MountPoint(String sourceVolume, String containerPath, Boolean readOnly) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VolumeFrom(String sourceContainer, Boolean readOnly) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EnvironmentFile(String value, String type) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ContainerDependency(String containerName, String condition) {}

  /**
   * Docker-specific settings the control plane passes through as JSON strings in the Docker
   * Engine API's own shapes ({@code config} = container config, {@code hostConfig} = host config).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DockerConfig(String version, String config, String hostConfig) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Volume(String name, String type, HostVolumeProperties host, JsonNode dockerVolumeConfiguration) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HostVolumeProperties(String sourcePath) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IAMRoleCredentials(
      String credentialsId,
      String roleArn,
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      String expiration,
      String credentialScope) {

    /** Never print the secret parts. */
    @Override
    public String toString() {
      return "IAMRoleCredentials[credentialsId=" + credentialsId + ", roleArn=" + roleArn + ", expiration=" + expiration + "]";
    }
  }
}
