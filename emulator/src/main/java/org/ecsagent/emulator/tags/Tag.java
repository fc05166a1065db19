package org.ecsagent.emulator.tags;

/** The {@code Tag} shape: a key and a value the user attaches to a resource. */
public record Tag(String key, String value) {}
