package org.ecsagent.emulator.api;

/**
 * What an operation may know about the HTTP call beyond its body.
 *
 * @param requestId the id returned in {@code x-amzn-RequestId}
 * @param endpoint the base URL the caller reached the emulator through (from its Host header),
 *     which is what DiscoverPollEndpoint must hand back so the agent can connect to it
 */
public record CallContext(String requestId, String endpoint) {}
