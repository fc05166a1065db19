package org.ecsagent.emulator.placement;

/**
 * The {@code PlacementStrategy} shape: {@code random}; {@code binpack} on {@code cpu} or
 * {@code memory}; {@code spread} on {@code instanceId} (or {@code host}) or {@code attribute:<name>}.
 */
public record PlacementStrategy(String type, String field) {
  public static final PlacementStrategy RANDOM = new PlacementStrategy("random", null);
  public static final PlacementStrategy SPREAD_ZONES = new PlacementStrategy("spread", "attribute:ecs.availability-zone");
  public static final PlacementStrategy SPREAD_INSTANCES = new PlacementStrategy("spread", "instanceId");
}
