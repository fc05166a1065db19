package org.ecsagent.emulator.tasks;

/** The {@code NetworkBinding} shape: a container port published on the host, as the agent reports it. */
public record NetworkBinding(String bindIP, Integer containerPort, Integer hostPort, String protocol,
    String containerPortRange, String hostPortRange) {}
