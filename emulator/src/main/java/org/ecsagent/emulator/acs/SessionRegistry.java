package org.ecsagent.emulator.acs;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The open ACS session of each container instance (at most one). State-thread only. */
final class SessionRegistry {
  private final Map<String, AcsSession> byInstance = new LinkedHashMap<>();

  /** Registers the session; returns the one it replaces, if the instance was already connected. */
  Optional<AcsSession> open(AcsSession session) {
    return Optional.ofNullable(byInstance.put(session.containerInstanceArn(), session));
  }

  Optional<AcsSession> forInstance(String containerInstanceArn) {
    return Optional.ofNullable(byInstance.get(containerInstanceArn));
  }

  Optional<AcsSession> forPeer(AcsPeer peer) {
    return byInstance.values().stream().filter(s -> s.peer() == peer).findFirst();
  }

  void remove(AcsSession session) {
    byInstance.remove(session.containerInstanceArn(), session);
  }

  Collection<AcsSession> all() {
    return List.copyOf(byInstance.values());
  }
}
