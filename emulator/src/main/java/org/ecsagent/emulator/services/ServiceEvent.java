package org.ecsagent.emulator.services;

import java.time.Instant;

/** The {@code ServiceEvent} shape: one line of a service's history, e.g. "has reached a steady state." */
public record ServiceEvent(String id, Instant createdAt, String message) {}
