package org.ecsagent.emulator.clusters;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A cluster as created; immutable (what changes over time, its counts, is derived on demand; its
 * tags live with every resource's tags).
 */
public record ClusterState(String name, String arn, JsonNode settings) {}
