package org.ecsagent.agent.controlplane;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.ecsagent.agent.docker.ContainerState.NetworkBinding;
import org.ecsagent.agent.state.StateChange;
import org.ecsagent.agent.state.StateChange.ContainerChange;
import org.ecsagent.agent.state.StateChange.TaskChange;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerStateChange;
import software.amazon.awssdk.services.ecs.model.NetworkBinding.Builder;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.ecs.model.VersionInfo;

/** {@link ControlPlane} over the AWS SDK v2 ECS client (awsJson1_1, SigV4, the SDK's own retries). */
public final class EcsControlPlane implements ControlPlane {
  /** ECS limits reason strings to 1024 characters and ids to 255. */
  private static final int MAX_REASON = 1024;

  private final EcsClient ecs;

  public EcsControlPlane(EcsClient ecs) {
    this.ecs = ecs;
  }

  public static EcsControlPlane create(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
    EcsClientBuilder builder = EcsClient.builder()
        .region(region)
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create());
    endpoint.ifPresent(builder::endpointOverride);
    return new EcsControlPlane(builder.build());
  }

  @Override
  public void createCluster(String cluster) {
    call("CreateCluster", () -> ecs.createCluster(r -> r.clusterName(cluster)));
  }

  @Override
  public String registerContainerInstance(Registration reg) {
    List<Resource> resources = List.of(
        Resource.builder().name("CPU").type("INTEGER").integerValue(reg.cpu()).build(),
        Resource.builder().name("MEMORY").type("INTEGER").integerValue((int) reg.memoryMiB()).build(),
        Resource.builder().name("PORTS").type("STRINGSET").stringSetValue(strings(reg.reservedPorts())).build(),
        Resource.builder().name("PORTS_UDP").type("STRINGSET").stringSetValue(strings(reg.reservedPortsUdp())).build());
    List<Attribute> attributes = reg.attributes().entrySet().stream()
        .map(e -> Attribute.builder().name(e.getKey()).value(e.getValue()).build())
        .toList();
    return call("RegisterContainerInstance", () -> ecs.registerContainerInstance(r -> {
      r.cluster(reg.cluster())
          .totalResources(resources)
          .attributes(attributes)
          .versionInfo(VersionInfo.builder().agentVersion(reg.agentVersion()).agentHash(reg.agentHash())
              .dockerVersion("DockerVersion: " + reg.dockerVersion()).build());
      reg.existingArn().ifPresent(r::containerInstanceArn);
    })).containerInstance().containerInstanceArn();
  }

  @Override
  public URI discoverPollEndpoint(String cluster, String containerInstanceArn) {
    String endpoint = call("DiscoverPollEndpoint",
        () -> ecs.discoverPollEndpoint(r -> r.cluster(cluster).containerInstance(containerInstanceArn))).endpoint();
    if (endpoint == null || endpoint.isBlank()) {
      throw new ControlPlaneException("DiscoverPollEndpoint returned no endpoint", null, true, null);
    }
    return URI.create(endpoint);
  }

  @Override
  public void submit(String cluster, StateChange change) {
    switch (change) {
      case TaskChange t -> call("SubmitTaskStateChange", () -> ecs.submitTaskStateChange(r -> r
          .cluster(cluster)
          .task(t.taskArn())
          .status(t.status())
          .reason(truncate(t.reason()))
          .containers(t.containers().stream().map(EcsControlPlane::toSdk).toList())
          .pullStartedAt(t.pullStartedAt())
          .pullStoppedAt(t.pullStoppedAt())
          .executionStoppedAt(t.executionStoppedAt())));
      case ContainerChange c -> call("SubmitContainerStateChange", () -> ecs.submitContainerStateChange(r -> r
          .cluster(cluster)
          .task(c.taskArn())
          .containerName(c.containerName())
          .runtimeId(c.runtimeId())
          .status(c.status())
          .exitCode(c.exitCode())
          .reason(truncate(c.reason()))
          .networkBindings(bindings(c.networkBindings()))));
    }
  }

  private static ContainerStateChange toSdk(ContainerChange c) {
    return ContainerStateChange.builder()
        .containerName(c.containerName())
        .runtimeId(c.runtimeId())
        .status(c.status())
        .exitCode(c.exitCode())
        .reason(truncate(c.reason()))
        .networkBindings(bindings(c.networkBindings()))
        .build();
  }

  private static List<software.amazon.awssdk.services.ecs.model.NetworkBinding> bindings(List<NetworkBinding> in) {
    List<software.amazon.awssdk.services.ecs.model.NetworkBinding> out = new ArrayList<>();
    for (NetworkBinding b : in) {
      Builder builder = software.amazon.awssdk.services.ecs.model.NetworkBinding.builder()
          .bindIP(b.bindIP()).containerPort(b.containerPort()).hostPort(b.hostPort())
          .protocol(TransportProtocol.fromValue(b.protocol()));
      out.add(builder.build());
    }
    return out;
  }

  private static String truncate(String reason) {
    return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
  }

  private static List<String> strings(List<Integer> ports) {
    return ports.stream().map(String::valueOf).toList();
  }

  private static <T> T call(String operation, Supplier<T> body) {
    try {
      return body.get();
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      boolean retryable = e.statusCode() >= 500 || e.isThrottlingException() || e.statusCode() == 0;
      throw new ControlPlaneException(operation + " failed: " + code + ": " + e.awsErrorDetails().errorMessage(),
          code, retryable, e);
    } catch (SdkException e) {
      throw new ControlPlaneException(operation + " failed: " + e.getMessage(), null, true, e);
    }
  }

  @Override
  public void close() {
    ecs.close();
  }

}
