package org.ecsagent.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stock AWS CLI, unchanged, against the emulator. Skipped where the CLI is not installed. */
class AwsCliTest {

  @Test
  void listsClustersWithTheAwsCli() throws Exception {
    Optional<Path> aws = onPath("aws");
    assumeThat(aws).as("aws CLI on PATH").isPresent();
    try (Fixture fixture = Fixture.start()) {
      fixture.ecs.createCluster(r -> r.clusterName("from-sdk"));

      ProcessBuilder builder = new ProcessBuilder(aws.get().toString(), "--endpoint-url",
          fixture.emulator.endpoint().toString(), "--output", "json", "ecs", "list-clusters")
          .redirectErrorStream(true);
      builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
      builder.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
      builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
      builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
      builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
      Process process = builder.start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.exitValue()).as(output).isZero();
      JsonNode listed = new ObjectMapper().readTree(output);
      assertThat(listed.path("clusterArns").toString())
          .contains("arn:aws:ecs:us-east-1:123456789012:cluster/default")
          .contains("arn:aws:ecs:us-east-1:123456789012:cluster/from-sdk");
    }
  }

  private static Optional<Path> onPath(String command) {
    String path = System.getenv("PATH");
    return path == null ? Optional.empty() : Arrays.stream(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
