package org.ecsagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcsConfigFileTest {
  @TempDir
  Path dir;

  private static Map<String, String> values(EcsConfigFile.Contents contents) {
    return contents.settings().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value()));
  }

  @Test
  void readsKeyValueLinesSkippingBlanksAndComments() {
    var contents = EcsConfigFile.parse("""
        # cluster settings
        ECS_CLUSTER=prod

          # indented comment
        ECS_LOGLEVEL = debug
        ECS_RESERVED_PORTS=[22, 80]
        """, "ecs.config");

    assertThat(contents.problems()).isEmpty();
    assertThat(values(contents)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "ECS_CLUSTER", "prod", "ECS_LOGLEVEL", "debug", "ECS_RESERVED_PORTS", "[22, 80]"));
  }

  @Test
  void recordsWhereEachValueCameFrom() {
    var contents = EcsConfigFile.parse("# c\n\nECS_CLUSTER=prod\n", "/etc/ecs/ecs.config");

    assertThat(contents.settings().get("ECS_CLUSTER").origin()).contains("/etc/ecs/ecs.config line 3");
  }

  @Test
  void stripsMatchingDoubleQuotesOnly() {
    var contents = EcsConfigFile.parse("""
        A="prod"
        B='prod'
        C="prod
        D=prod"
        E=""
        F="a "quoted" word"
        G="
        """, "f");

    assertThat(values(contents)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "A", "prod", "B", "'prod'", "C", "\"prod", "D", "prod\"", "E", "", "F", "a \"quoted\" word", "G", "\""));
  }

  @Test
  void keepsEverythingAfterTheFirstEqualsSign() {
    var contents = EcsConfigFile.parse("ECS_INSTANCE_ATTRIBUTES={\"a\":\"b=c\"} # not a comment\n", "f");

    assertThat(values(contents)).containsEntry("ECS_INSTANCE_ATTRIBUTES", "{\"a\":\"b=c\"} # not a comment");
  }

  @Test
  void emptyValueIsKeptAsEmpty() {
    assertThat(values(EcsConfigFile.parse("ECS_CLUSTER=\n", "f"))).containsEntry("ECS_CLUSTER", "");
  }

  @Test
  void laterLineForTheSameKeyWins() {
    var contents = EcsConfigFile.parse("ECS_CLUSTER=a\nECS_CLUSTER=b\n", "f");

    assertThat(values(contents)).containsEntry("ECS_CLUSTER", "b");
    assertThat(contents.settings().get("ECS_CLUSTER").origin()).contains("f line 2");
  }

  @Test
  void reportsEveryBadLineWithItsNumber() {
    var contents = EcsConfigFile.parse("""
        ECS_CLUSTER=prod
        just some text
        export ECS_LOGLEVEL=debug
        BAD-KEY=1
        =value
        9LIVES=1
        ECS_CHECKPOINT=false
        """, "/etc/ecs/ecs.config");

    assertThat(contents.problems()).containsExactly(
        "/etc/ecs/ecs.config line 2: expected KEY=VALUE",
        "/etc/ecs/ecs.config line 3: \"export\" is not supported; write KEY=VALUE",
        "/etc/ecs/ecs.config line 4: invalid variable name \"BAD-KEY\" (use letters, digits and _)",
        "/etc/ecs/ecs.config line 5: invalid variable name \"\" (use letters, digits and _)",
        "/etc/ecs/ecs.config line 6: invalid variable name \"9LIVES\" (use letters, digits and _)");
    assertThat(values(contents)).containsOnlyKeys("ECS_CLUSTER", "ECS_CHECKPOINT");
  }

  @Test
  void toleratesWindowsLineEndingsAndAByteOrderMark() {
    var contents = EcsConfigFile.parse("\uFEFFECS_CLUSTER=prod\r\nECS_LOGLEVEL=warn\r\n", "f");

    assertThat(contents.problems()).isEmpty();
    assertThat(values(contents)).containsExactlyInAnyOrderEntriesOf(Map.of("ECS_CLUSTER", "prod", "ECS_LOGLEVEL", "warn"));
  }

  @Test
  void readsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("ecs.config"), "ECS_CLUSTER=prod\n");

    var contents = EcsConfigFile.read(file, true);

    assertThat(contents.problems()).isEmpty();
    assertThat(contents.settings().get("ECS_CLUSTER")).isEqualTo(new Setting("prod", Optional.of(file + " line 1")));
  }

  @Test
  void missingDefaultFileIsNoProblem() {
    var contents = EcsConfigFile.read(dir.resolve("absent"), false);

    assertThat(contents.settings()).isEmpty();
    assertThat(contents.problems()).isEmpty();
  }

  @Test
  void missingExplicitFileIsAProblem() {
    Path absent = dir.resolve("absent");

    assertThat(EcsConfigFile.read(absent, true).problems())
        .containsExactly("ECS_CONFIG_FILE=\"" + absent + "\": no such file");
  }

  @Test
  void directoryIsAProblemEvenAtTheDefaultPath() {
    assertThat(EcsConfigFile.read(dir, false).problems())
        .containsExactly(dir + ": cannot read the configuration file: it is a directory");
  }

  @Test
  void nonUtf8FileIsAProblem() throws IOException {
    Path file = Files.write(dir.resolve("ecs.config"), new byte[] {'A', '=', (byte) 0xff, (byte) 0xfe, '\n'});

    assertThat(EcsConfigFile.read(file, false).problems())
        .containsExactly(file + ": cannot read the configuration file: it is not UTF-8 text");
  }

  @Test
  void unreadableFileIsAProblemEvenAtTheDefaultPath() throws IOException {
    Path file = Files.writeString(dir.resolve("ecs.config"), "ECS_CLUSTER=prod\n", StandardCharsets.UTF_8);
    assumeTrue(file.toFile().setReadable(false) && !Files.isReadable(file), "running as root: permissions do not stop reads");

    assertThat(EcsConfigFile.read(file, false).problems())
        .containsExactly(file + ": cannot read the configuration file: permission denied");
  }
}
