package org.ecsagent.emulator.tasks;

import java.util.List;

/**
 * One container of a task as the agent last reported it. Mutable, owned by the state thread.
 * Every report is applied idempotently: statuses only move forward and a repeated report changes
 * nothing.
 */
public final class ContainerState {
  private final String containerArn;
  private final String name;
  private final String image;
  private final Integer cpu;
  private final Integer memory;
  private final Integer memoryReservation;
  private LifecycleStatus lastStatus = LifecycleStatus.PENDING;
  private String runtimeId;
  private String imageDigest;
  private Integer exitCode;
  private String reason;
  private List<NetworkBinding> networkBindings = List.of();

  ContainerState(String containerArn, String name, String image, Integer cpu, Integer memory,
      Integer memoryReservation) {
    this.containerArn = containerArn;
    this.name = name;
    this.image = image;
    this.cpu = cpu;
    this.memory = memory;
    this.memoryReservation = memoryReservation;
  }

  /** A report from SubmitTaskStateChange or SubmitContainerStateChange; absent members leave values as they are. */
  record Report(LifecycleStatus status, String runtimeId, Integer exitCode, String reason,
      List<NetworkBinding> networkBindings, String imageDigest) {}

  void apply(Report report) {
    if (report.status() != null && report.status().isAfter(lastStatus)) {
      lastStatus = report.status();
    }
    if (report.runtimeId() != null) {
      runtimeId = report.runtimeId();
    }
    if (report.exitCode() != null) {
      exitCode = report.exitCode();
    }
    if (report.reason() != null && !report.reason().isBlank()) {
      reason = report.reason();
    }
    if (report.networkBindings() != null && !report.networkBindings().isEmpty()) {
      networkBindings = List.copyOf(report.networkBindings());
    }
    if (report.imageDigest() != null) {
      imageDigest = report.imageDigest();
    }
  }

  /** When the task stops, so do all its containers, whatever was last reported for them. */
  void stopped() {
    lastStatus = LifecycleStatus.STOPPED;
  }

  public String name() {
    return name;
  }

  public String containerArn() {
    return containerArn;
  }

  String reason() {
    return reason;
  }

  Integer exitCode() {
    return exitCode;
  }

  Container describe(String taskArn) {
    return new Container(containerArn, taskArn, name, image, imageDigest, runtimeId, lastStatus.name(), exitCode,
        reason, networkBindings, List.of(), "UNKNOWN", String.valueOf(cpu == null ? 0 : cpu),
        memory == null ? null : String.valueOf(memory),
        memoryReservation == null ? null : String.valueOf(memoryReservation));
  }
}
