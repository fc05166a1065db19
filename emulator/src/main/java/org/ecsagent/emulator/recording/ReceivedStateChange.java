package org.ecsagent.emulator.recording;

import java.time.Instant;
import java.util.List;

/**
 * One SubmitTaskStateChange or SubmitContainerStateChange as the emulator received it, whether or
 * not it was accepted.
 *
 * @param sequence 1, 2, ... in the order the emulator handled the calls
 * @param operation {@code SubmitTaskStateChange} or {@code SubmitContainerStateChange}
 * @param task the task as the agent named it (ARN or id)
 * @param containerName the container of a SubmitContainerStateChange; null for a task change
 * @param status the reported status (of the task, or of the container)
 * @param containers the container changes a SubmitTaskStateChange carried
 * @param outcome {@code ACCEPTED}, or the error type it was answered with (e.g. {@code ServerException})
 * @param body the request as received, JSON
 */
public record ReceivedStateChange(long sequence, Instant receivedAt, String operation, String cluster, String task,
    String containerName, String status, String reason, Integer exitCode, List<ContainerChange> containers,
    String outcome, String body) {

  public static final String ACCEPTED = "ACCEPTED";

  /** A container's part of a task state change. */
  public record ContainerChange(String containerName, String status, Integer exitCode, String reason) {}

  public boolean accepted() {
    return ACCEPTED.equals(outcome);
  }
}
