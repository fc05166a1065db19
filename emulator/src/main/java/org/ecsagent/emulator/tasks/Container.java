package org.ecsagent.emulator.tasks;

import java.util.List;

/** The {@code Container} shape of the ECS API (a container of a described task). */
public record Container(
    String containerArn,
    String taskArn,
    String name,
    String image,
    String imageDigest,
    String runtimeId,
    String lastStatus,
    Integer exitCode,
    String reason,
    List<NetworkBinding> networkBindings,
    List<Object> networkInterfaces,
    String healthStatus,
    String cpu,
    String memory,
    String memoryReservation) {}
