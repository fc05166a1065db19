package org.ecsagent.agent.controlplane;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecsagent.agent.state.StateChange;

/**
 * The ECS API calls the agent makes. {@link EcsControlPlane} implements it with the AWS SDK's
 * ECS client; failures are {@link ControlPlaneException}s saying whether a retry can help.
 */
public interface ControlPlane extends AutoCloseable {

  /** Creates the cluster if it does not exist (the original does this for the "default" cluster). */
  void createCluster(String cluster);

  /** Registers this host and returns its container-instance ARN. */
  String registerContainerInstance(Registration registration);

  /** The ACS websocket endpoint for this instance. */
  URI discoverPollEndpoint(String cluster, String containerInstanceArn);

  void submit(String cluster, StateChange change);

  @Override
  void close();

  /**
   * What this host offers: CPU units (1024 per core), memory in MiB, reserved ports, attributes
   * and versions. {@code existingArn} re-registers a known instance under the same ARN.
   */
  record Registration(
      String cluster,
      int cpu,
      long memoryMiB,
      List<Integer> reservedPorts,
      List<Integer> reservedPortsUdp,
      Map<String, String> attributes,
      String agentVersion,
      String agentHash,
      String dockerVersion,
      Optional<String> existingArn) {}
}
