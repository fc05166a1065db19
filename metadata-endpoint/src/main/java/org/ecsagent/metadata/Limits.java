package org.ecsagent.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * CPU and memory limits of a task or container, as the metadata endpoint shows them.
 *
 * @param cpu CPU units for a container (1024 per vCPU), vCPUs for a task; null if not set
 * @param memory MiB; null if not set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limits(
    @JsonProperty("CPU") @JsonSerialize(using = GoFloat.class) Double cpu,
    @JsonProperty("Memory") Long memory) {

  public static final Limits NONE = new Limits(null, null);

  /**
   * Writes whole numbers as Go's encoding/json does ({@code 256}, not {@code 256.0}), so clients
   * that decode the original's output into an integer keep working.
   */
  static final class GoFloat extends StdSerializer<Double> {
    GoFloat() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
      if (isSmallWholeNumber(value)) {
        json.writeNumber(value.longValue());
      } else {
        json.writeNumber(value);
      }
    }

    private static boolean isSmallWholeNumber(double value) {
      return value == Math.rint(value) && Math.abs(value) < 1e15;
    }
  }
}
