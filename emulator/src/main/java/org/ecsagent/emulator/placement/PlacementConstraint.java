package org.ecsagent.emulator.placement;

/**
 * The {@code PlacementConstraint} shape: {@code distinctInstance} (no two tasks of the group on one
 * instance), or {@code memberOf} with a cluster query {@code expression} the instance must match.
 */
public record PlacementConstraint(String type, String expression) {}
