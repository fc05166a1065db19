package org.ecsagent.emulator.instances;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Resource} shape: a named amount an instance offers ({@code CPU}, {@code MEMORY} as
 * INTEGER; {@code PORTS}, {@code PORTS_UDP} as STRINGSET of reserved port numbers).
 */
public record Resource(String name, String type, Double doubleValue, Long longValue, Integer integerValue,
    List<String> stringSetValue) {

  public static Resource integer(String name, int value) {
    return new Resource(name, "INTEGER", 0.0, 0L, value, null);
  }

  public static Resource stringSet(String name, Collection<String> values) {
    return new Resource(name, "STRINGSET", 0.0, 0L, 0, List.copyOf(values));
  }

  /** The amount, whichever numeric member the client filled in (SDKs differ). */
  long amount() {
    if (integerValue != null && integerValue != 0) {
      return integerValue;
    }
    if (longValue != null && longValue != 0) {
      return longValue;
    }
    return doubleValue == null ? 0 : doubleValue.longValue();
  }

  static Optional<Resource> named(List<Resource> resources, String name) {
    return resources.stream().filter(r -> name.equals(r.name())).findFirst();
  }
}
