package org.ecsagent.emulator.acs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandler;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.ecsagent.emulator.arn.IdGenerator;
import org.ecsagent.emulator.clusters.Clusters;
import org.ecsagent.emulator.instances.ContainerInstanceState;
import org.ecsagent.emulator.instances.ContainerInstances;
import org.ecsagent.emulator.tasks.TaskDispatcher;
import org.ecsagent.emulator.tasks.Tasks;
import org.ecsagent.protocol.acs.AcsCodec;

/**
 * The ACS room's one door: wires sessions, the payload outbox and the controller, and gives the
 * rest of the emulator what it needs from ACS: a {@link TaskDispatcher} for new and stopped tasks,
 * a hook for deregistered instances, a heartbeat to schedule, and a frame handler per connection.
 */
public final class AcsEndpoint {
  private final AcsController controller;
  private final PayloadOutbox outbox;
  private final Executor stateThread;
  private final AcsCodec codec = new AcsCodec();

  public AcsEndpoint(Clusters clusters, ContainerInstances instances, Tasks tasks, IdGenerator ids, Clock clock,
      Executor stateThread) {
    SessionRegistry sessions = new SessionRegistry();
    ObjectMapper mapper = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    this.outbox = new PayloadOutbox(sessions, tasks,
        new AcsTaskFactory(new DockerConfigFactory(mapper), mapper), ids, clock);
    this.controller = new AcsController(clusters, instances, sessions, outbox, ids);
    this.stateThread = stateThread;
  }

  public TaskDispatcher dispatcher() {
    return outbox;
  }

  /** Call on the state thread. */
  public void deregistered(ContainerInstanceState instance) {
    controller.deregistered(instance);
  }

  /** Call on the state thread, every heartbeat interval. */
  public void heartbeat() {
    controller.heartbeat();
  }

  /** A handler for one new connection, to go after the websocket protocol handler. */
  public ChannelHandler newFrameHandler() {
    return new AcsFrameHandler(controller, stateThread, codec);
  }
}
