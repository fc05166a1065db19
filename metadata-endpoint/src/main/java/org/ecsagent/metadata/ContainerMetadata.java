package org.ecsagent.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One container in the task metadata endpoint v4 response shape ({@code GET /v4/<id>} and each
 * element of the task's {@code Containers}); field names are the original's JSON names.
 *
 * <p>Like the original, fields that are always present (IDs, names, statuses, {@code Limits},
 * {@code Type}) are written even when empty; the others are left out when null or empty.
 * Timestamps are written as RFC 3339 strings. Build one with {@link #builder()}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerMetadata(
    @JsonProperty("DockerId") @JsonInclude(JsonInclude.Include.ALWAYS) String dockerId,
    @JsonProperty("Name") @JsonInclude(JsonInclude.Include.ALWAYS) String name,
    @JsonProperty("DockerName") @JsonInclude(JsonInclude.Include.ALWAYS) String dockerName,
    @JsonProperty("Image") @JsonInclude(JsonInclude.Include.ALWAYS) String image,
    @JsonProperty("ImageID") @JsonInclude(JsonInclude.Include.ALWAYS) String imageId,
    @JsonProperty("Ports") List<Port> ports,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("DesiredStatus") @JsonInclude(JsonInclude.Include.ALWAYS) String desiredStatus,
    @JsonProperty("KnownStatus") @JsonInclude(JsonInclude.Include.ALWAYS) String knownStatus,
    @JsonProperty("ExitCode") Integer exitCode,
    @JsonProperty("Limits") @JsonInclude(JsonInclude.Include.ALWAYS) Limits limits,
    @JsonProperty("CreatedAt") Instant createdAt,
    @JsonProperty("StartedAt") Instant startedAt,
    @JsonProperty("FinishedAt") Instant finishedAt,
    @JsonProperty("Type") @JsonInclude(JsonInclude.Include.ALWAYS) String type,
    @JsonProperty("Networks") List<Network> networks,
    @JsonProperty("Health") Health health,
    @JsonProperty("Volumes") List<Volume> volumes,
    @JsonProperty("LogDriver") String logDriver,
    @JsonProperty("LogOptions") Map<String, String> logOptions,
    @JsonProperty("ContainerARN") String containerArn) {

  /** The {@code Type} of a container the task definition declares (others are agent-internal). */
  public static final String TYPE_NORMAL = "NORMAL";

  public ContainerMetadata {
    dockerId = Objects.requireNonNullElse(dockerId, "");
    name = Objects.requireNonNullElse(name, "");
    dockerName = Objects.requireNonNullElse(dockerName, "");
    image = Objects.requireNonNullElse(image, "");
    imageId = Objects.requireNonNullElse(imageId, "");
    ports = listOrEmpty(ports);
    labels = sortedOrEmpty(labels);
    desiredStatus = Objects.requireNonNullElse(desiredStatus, "");
    knownStatus = Objects.requireNonNullElse(knownStatus, "");
    limits = Objects.requireNonNullElse(limits, Limits.NONE);
    type = Objects.requireNonNullElse(type, TYPE_NORMAL);
    networks = listOrEmpty(networks);
    volumes = listOrEmpty(volumes);
    logOptions = sortedOrEmpty(logOptions);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A port mapping; the original leaves out zero ports and empty strings. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Port(
      @JsonProperty("ContainerPort") Integer containerPort,
      @JsonProperty("Protocol") String protocol,
      @JsonProperty("HostPort") Integer hostPort,
      @JsonProperty("HostIp") String hostIp) {}

  /** A network the container is attached to, e.g. {@code bridge} with its IPv4 address. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Network(
      @JsonProperty("NetworkMode") String networkMode,
      @JsonProperty("IPv4Addresses") List<String> ipv4Addresses,
      @JsonProperty("IPv6Addresses") List<String> ipv6Addresses) {
    public Network {
      ipv4Addresses = listOrEmpty(ipv4Addresses);
      ipv6Addresses = listOrEmpty(ipv6Addresses);
    }
  }

  /** Container health; the original spells these fields in lower camel case. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Health(
      @JsonProperty("status") String status,
      @JsonProperty("statusSince") Instant statusSince,
      @JsonProperty("exitCode") Integer exitCode,
      @JsonProperty("output") String output) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Volume(
      @JsonProperty("DockerName") String dockerName,
      @JsonProperty("Source") String source,
      @JsonProperty("Destination") String destination) {}

  static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** Go writes maps sorted by key; so do we. */
  static Map<String, String> sortedOrEmpty(Map<String, String> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
  }

  public static final class Builder {
    private String dockerId;
    private String name;
    private String dockerName;
    private String image;
    private String imageId;
    private List<Port> ports;
    private Map<String, String> labels;
    private String desiredStatus;
    private String knownStatus;
    private Integer exitCode;
    private Limits limits;
    private Instant createdAt;
    private Instant startedAt;
    private Instant finishedAt;
    private String type = TYPE_NORMAL;
    private List<Network> networks;
    private Health health;
    private List<Volume> volumes;
    private String logDriver;
    private Map<String, String> logOptions;
    private String containerArn;

    private Builder() {}

    public Builder dockerId(String dockerId) { this.dockerId = dockerId; return this; }
    public Builder name(String name) { this.name = name; return this; }
    public Builder dockerName(String dockerName) { this.dockerName = dockerName; return this; }
    public Builder image(String image) { this.image = image; return this; }
    public Builder imageId(String imageId) { this.imageId = imageId; return this; }
    public Builder ports(List<Port> ports) { this.ports = ports; return this; }
    public Builder labels(Map<String, String> labels) { this.labels = labels; return this; }
    public Builder desiredStatus(String desiredStatus) { this.desiredStatus = desiredStatus; return this; }
    public Builder knownStatus(String knownStatus) { this.knownStatus = knownStatus; return this; }
    public Builder exitCode(Integer exitCode) { this.exitCode = exitCode; return this; }
    public Builder limits(Limits limits) { this.limits = limits; return this; }
    public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
    public Builder startedAt(Instant startedAt) { this.startedAt = startedAt; return this; }
    public Builder finishedAt(Instant finishedAt) { this.finishedAt = finishedAt; return this; }
    public Builder type(String type) { this.type = type; return this; }
    public Builder networks(List<Network> networks) { this.networks = networks; return this; }
    public Builder health(Health health) { this.health = health; return this; }
    public Builder volumes(List<Volume> volumes) { this.volumes = volumes; return this; }
    public Builder logDriver(String logDriver) { this.logDriver = logDriver; return this; }
    public Builder logOptions(Map<String, String> logOptions) { this.logOptions = logOptions; return this; }
    public Builder containerArn(String containerArn) { this.containerArn = containerArn; return this; }

    public ContainerMetadata build() {
      return new ContainerMetadata(dockerId, name, dockerName, image, imageId, ports, labels,
          desiredStatus, knownStatus, exitCode, limits, createdAt, startedAt, finishedAt, type,
          networks, health, volumes, logDriver, logOptions, containerArn);
    }
  }
}
