package org.ecsagent.emulator.instances;

/** The {@code Attribute} shape: a name with an optional value, e.g. {@code ecs.os-type=linux}. */
public record Attribute(String name, String value, String targetType, String targetId) {}
