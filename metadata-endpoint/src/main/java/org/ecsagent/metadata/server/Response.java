package org.ecsagent.metadata.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: a status, extra headers and a JSON body. The server adds
 * {@code Content-Type: application/json} (unless a header overrides it) and
 * {@code Content-Length}.
 *
 * <p>{@link #toString()} prints the body's length only, because bodies can carry credentials.
 */
public record Response(int status, Map<String, String> headers, byte[] body) {

  /** Instants are written as RFC 3339 strings in UTC, like the original's Go {@code time.Time}. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  public Response {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  /** {@code value} written as JSON: a record, a map, or a plain string (a JSON string body). */
  public static Response json(int status, Object value) {
    try {
      return new Response(status, Map.of(), JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  public static Response ok(Object value) {
    return json(200, value);
  }

  /** The {@code {"code":..,"message":..}} error shape the original uses for credentials and ours for the server's own errors. */
  public static Response error(int status, String code, String message) {
    return json(status, new ErrorBody(code, message));
  }

  public Response withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Response(status, more, body);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Response that
        && status == that.status
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * status + headers.hashCode()) + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "Response[status=" + status + ", headers=" + headers + ", body=" + body.length + " bytes]";
  }

  private record ErrorBody(String code, String message) {}
}
