package org.ecsagent.agent.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /etc/ecs/ecs.config}: the {@code KEY=VALUE} file ecs-init hands to the original agent
 * as a {@code docker --env-file}, and that this agent, running on the host, reads itself.
 *
 * <p>Format, one setting per line:
 * <ul>
 *   <li>blank lines, and lines whose first non-blank character is {@code #}, are ignored; there are
 *       no comments at the end of a line ({@code A=b # c} sets {@code A} to {@code b # c});
 *   <li>whitespace around the key and the value is dropped (and no setting's value keeps
 *       whitespace at its ends, quoted or not: see {@link ConfigParser});
 *   <li>a value wrapped in a matching pair of double quotes has them removed ({@code A="b c"} sets
 *       {@code b c}); nothing else is unquoted or unescaped, single quotes are kept;
 *   <li>an empty value ({@code A=} or {@code A=""}) leaves the setting at its default;
 *   <li>a key is {@code [A-Za-z_][A-Za-z0-9_]*}; a later line for the same key wins;
 *   <li>a line without {@code =}, or with an invalid key (including an {@code export } prefix), is
 *       an error naming the file and line number.
 * </ul>
 * The file is UTF-8; a byte-order mark and Windows line endings are tolerated.
 */
final class EcsConfigFile {
  private static final Logger log = LoggerFactory.getLogger(EcsConfigFile.class);
  static final Path DEFAULT_PATH = Path.of("/etc/ecs/ecs.config");

  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The file's settings by key, and the problems found reading it. */
  record Contents(Map<String, Setting> settings, List<String> problems) {
    Contents {
      settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
      problems = List.copyOf(problems);
    }

    static Contents empty() {
      return new Contents(Map.of(), List.of());
    }

    static Contents problem(String problem) {
      return new Contents(Map.of(), List.of(problem));
    }
  }

  private EcsConfigFile() {}

  /**
   * Reads the file at {@code path}.
   *
   * @param explicit whether the operator named this file (through {@code ECS_CONFIG_FILE}); only
   *     then is a missing file a problem, since most hosts configure the agent by environment alone
   */
  static Contents read(Path path, boolean explicit) {
    String text;
    try {
      if (Files.isDirectory(path)) {
        return Contents.problem(path + ": cannot read the configuration file: it is a directory");
      }
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      if (explicit) {
        return Contents.problem(Variables.ECS_CONFIG_FILE + "=\"" + path + "\": no such file");
      }
      log.debug("no {}; using the environment and defaults", path);
      return Contents.empty();
    } catch (AccessDeniedException e) {
      return Contents.problem(path + ": cannot read the configuration file: permission denied");
    } catch (CharacterCodingException e) {
      return Contents.problem(path + ": cannot read the configuration file: it is not UTF-8 text");
    } catch (IOException | SecurityException e) {
      return Contents.problem(path + ": cannot read the configuration file: " + e);
    }
    Contents contents = parse(text, path.toString());
    log.debug("read {} settings from {}", contents.settings().size(), path);
    return contents;
  }

  /** Parses the text of a file; {@code fileName} only appears in origins and problems. */
  static Contents parse(String text, String fileName) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String where = fileName + " line " + (i + 1);
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      String key = equals < 0 ? line : line.substring(0, equals).strip();
      if (key.startsWith("export ") || key.startsWith("export\t")) {
        problems.add(where + ": \"export\" is not supported; write KEY=VALUE");
      } else if (equals < 0) {
        // The line is not echoed: it could be a secret pasted on the wrong line.
        problems.add(where + ": expected KEY=VALUE");
      } else if (!KEY.matcher(key).matches()) {
        problems.add(where + ": invalid variable name \"" + key + "\" (use letters, digits and _)");
      } else {
        settings.put(key, new Setting(unquote(line.substring(equals + 1).strip()), Optional.of(where)));
      }
    }
    return new Contents(settings, problems);
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
