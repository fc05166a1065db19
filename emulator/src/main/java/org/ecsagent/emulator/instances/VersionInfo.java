package org.ecsagent.emulator.instances;

/** The {@code VersionInfo} shape the agent reports at registration. */
public record VersionInfo(String agentVersion, String agentHash, String dockerVersion) {}
