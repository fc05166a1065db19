package org.ecsagent.emulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON dialect of the awsJson1_1 protocol: absent members are omitted rather than null,
 * unknown members are ignored (newer clients send fields this emulator does not model), and
 * timestamps are epoch seconds with a fraction, as JSON numbers.
 */
public final class AwsJson {
  private AwsJson() {}

  public static ObjectMapper newMapper() {
    SimpleModule timestamps = new SimpleModule("aws-timestamps")
        .addSerializer(Instant.class, new EpochSecondsSerializer())
        .addDeserializer(Instant.class, new EpochSecondsDeserializer());
    return new ObjectMapper()
        .registerModule(timestamps)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);
  }

  /** Millisecond precision, written as a plain decimal ({@code 1712345678.123}), never in E notation. */
  static final class EpochSecondsSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeNumber(BigDecimal.valueOf(value.toEpochMilli(), 3));
    }
  }

  /** Accepts epoch seconds (integer or fraction, as SDKs and the CLI send them) or an ISO-8601 string. */
  static final class EpochSecondsDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        return fromEpochSeconds(p.getDecimalValue());
      }
      if (token == JsonToken.VALUE_STRING) {
        String text = p.getText().trim();
        try {
          return text.matches("-?\\d+(\\.\\d+)?") ? fromEpochSeconds(new BigDecimal(text)) : Instant.parse(text);
        } catch (DateTimeParseException e) {
          return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not a timestamp");
        }
      }
      return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    }

    private static Instant fromEpochSeconds(BigDecimal seconds) {
      long whole = seconds.longValue();
      return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue());
    }
  }
}
