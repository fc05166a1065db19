package org.ecsagent.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A systemd unit file read as sections of {@code Key=Value} lines, enough for tests to check
 * settings and to run a service's commands the way systemd would. Comments and blank lines are
 * skipped; a key may repeat (ExecStartPre=, Environment=), so values are lists in file order.
 * Line continuations are not supported (the unit does not use them).
 */
public final class UnitFile {
  private final Map<String, Map<String, List<String>>> sections;

  private UnitFile(Map<String, Map<String, List<String>>> sections) {
    this.sections = sections;
  }

  public static UnitFile read(Path path) {
    try {
      return parse(Files.readAllLines(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static UnitFile parse(List<String> lines) {
    Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
    Map<String, List<String>> current = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.endsWith("\\")) {
        throw new IllegalArgumentException("line continuations are not supported: " + line);
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = sections.computeIfAbsent(line.substring(1, line.length() - 1), s -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (current == null || eq < 1) {
        throw new IllegalArgumentException("not a unit file line: " + line);
      }
      current.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
    }
    return new UnitFile(sections);
  }

  /** Every value of {@code key} in {@code section}, in file order (empty if unset). */
  public List<String> values(String section, String key) {
    return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
  }

  /** The value systemd uses for a single-valued key: the last one. */
  public Optional<String> value(String section, String key) {
    List<String> all = values(section, key);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Space-separated list values of {@code key}, all occurrences joined (After=, Wants=, ...). */
  public List<String> words(String section, String key) {
    List<String> words = new ArrayList<>();
    for (String value : values(section, key)) {
      for (String word : value.split("\\s+")) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    }
    return words;
  }

  /**
   * The variables {@code Environment=} lines set, as systemd reads them: each line holds
   * space-separated assignments, and an assignment may be wrapped in double quotes.
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String value : values("Service", "Environment")) {
      for (String assignment : splitQuoted(value)) {
        int eq = assignment.indexOf('=');
        env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
      }
    }
    return env;
  }

  private static List<String> splitQuoted(String value) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (char c : value.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (!part.isEmpty()) {
          parts.add(part.toString());
          part.setLength(0);
        }
      } else {
        part.append(c);
      }
    }
    if (!part.isEmpty()) {
      parts.add(part.toString());
    }
    return parts;
  }

  /**
   * Reads an {@code EnvironmentFile=} the way systemd does for the simple forms the project uses:
   * {@code KEY=VALUE} lines, {@code #} and {@code ;} comments, optional double quotes around the
   * value.
   */
  public static Map<String, String> readEnvironmentFile(Path path) {
    Map<String, String> env = new LinkedHashMap<>();
    try {
      for (String raw : Files.readAllLines(path)) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
          continue;
        }
        int eq = line.indexOf('=');
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        env.put(line.substring(0, eq).strip(), value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return env;
  }
}
