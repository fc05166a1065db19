package org.ecsagent.emulator.taskdefs;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code Volume} shape of a task definition; only host and Docker volumes are handed to the agent. */
public record Volume(
    String name,
    HostVolumeProperties host,
    JsonNode dockerVolumeConfiguration,
    JsonNode efsVolumeConfiguration,
    JsonNode fsxWindowsFileServerVolumeConfiguration,
    Boolean configuredAtLaunch) {

  public record HostVolumeProperties(String sourcePath) {}
}
