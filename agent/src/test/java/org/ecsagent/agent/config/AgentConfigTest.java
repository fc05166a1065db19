package org.ecsagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentConfigTest {

  private static List<String> problemsOf(Map<String, String> values) {
    return catchThrowableOfType(ConfigException.class, () -> AgentConfig.fromValues(values)).problems();
  }

  @Nested
  class Defaults {
    @Test
    void matchTheOriginalAgentsLinuxDefaults() {
      AgentConfig config = AgentConfig.defaults();

      assertThat(config.cluster()).isEqualTo("default");
      assertThat(config.backendHost()).isEmpty();
      assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/ecs/data"));
      assertThat(config.checkpoint()).isTrue();
      assertThat(config.logLevel()).isEqualTo(LogLevel.INFO);
      assertThat(config.reservedPorts()).containsExactly(22, 2375, 2376, 51678, 51679);
      assertThat(config.reservedPortsUdp()).isEmpty();
      assertThat(config.reservedMemoryMiB()).isZero();
      assertThat(config.containerStopTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(config.containerStartTimeout()).isEqualTo(Duration.ofMinutes(3));
      assertThat(config.taskCleanupWaitDuration()).isEqualTo(Duration.ofHours(3));
      assertThat(config.instanceAttributes()).isEmpty();
      assertThat(config.region()).isEmpty();
      assertThat(config.dockerHost()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
      assertThat(config.introspectionPort()).isEqualTo(51678);
      assertThat(config.endpointPort()).isEqualTo(51679);
      assertThat(config.metricsPort()).isEqualTo(51680);
      assertThat(config.imagePullBehavior()).isEqualTo(ImagePullBehavior.DEFAULT);
      assertThat(config.availableLoggingDrivers()).containsExactly("json-file", "none");
      assertThat(config.disablePrivileged()).isFalse();
      assertThat(config.imagePullInactivityTimeout()).isEqualTo(Duration.ofMinutes(1));
      assertThat(config.imagePullTimeout()).isEqualTo(Duration.ofHours(2));
      assertThat(config.logFile()).isEmpty();
      assertThat(config.imdsEndpoint()).isEmpty();
      assertThat(config.taskMetadataRpsLimit()).isEqualTo(new TaskMetadataRateLimit(40, 60));
      assertThat(config.pollingMetricsWaitDuration()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void apply_whenNothingIsSet() {
      assertThat(AgentConfig.fromValues(Map.of())).isEqualTo(AgentConfig.defaults());
    }

    @Test
    void apply_whenAValueIsEmptyOrBlank() {
      assertThat(AgentConfig.fromValues(Map.of("ECS_CLUSTER", "", "ECS_CONTAINER_STOP_TIMEOUT", "  ",
          "ECS_RESERVED_PORTS", ""))).isEqualTo(AgentConfig.defaults());
    }

    @Test
    void areDescribedInOperatorSyntax() {
      assertThat(AgentConfig.defaults().describe()).containsExactly(
          entry("ECS_CLUSTER", "default"),
          entry("ECS_BACKEND_HOST", ""),
          entry("ECS_DATADIR", "/var/lib/ecs/data"),
          entry("ECS_CHECKPOINT", "true"),
          entry("ECS_LOGLEVEL", "info"),
          entry("ECS_RESERVED_PORTS", "[22,2375,2376,51678,51679]"),
          entry("ECS_RESERVED_PORTS_UDP", "[]"),
          entry("ECS_RESERVED_MEMORY", "0"),
          entry("ECS_CONTAINER_STOP_TIMEOUT", "30s"),
          entry("ECS_CONTAINER_START_TIMEOUT", "3m0s"),
          entry("ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION", "3h0m0s"),
          entry("ECS_INSTANCE_ATTRIBUTES", "{}"),
          entry("AWS_REGION", ""),
          entry("DOCKER_HOST", "unix:///var/run/docker.sock"),
          entry("ECS_AGENT_INTROSPECTION_PORT", "51678"),
          entry("ECS_AGENT_ENDPOINT_PORT", "51679"),
          entry("ECS_AGENT_METRICS_PORT", "51680"),
          entry("ECS_IMAGE_PULL_BEHAVIOR", "default"),
          entry("ECS_AVAILABLE_LOGGING_DRIVERS", "[\"json-file\",\"none\"]"),
          entry("ECS_DISABLE_PRIVILEGED", "false"),
          entry("ECS_IMAGE_PULL_INACTIVITY_TIMEOUT", "1m0s"),
          entry("ECS_IMAGE_PULL_TIMEOUT", "2h0m0s"),
          entry("ECS_LOGFILE", ""),
          entry("AWS_EC2_METADATA_SERVICE_ENDPOINT", ""),
          entry("ECS_TASK_METADATA_RPS_LIMIT", "40,60"),
          entry("ECS_POLLING_METRICS_WAIT_DURATION", "10s"));
    }
  }

  @Nested
  class EveryVariable {
    static final Map<String, String> ALL = Map.ofEntries(
        Map.entry("ECS_CLUSTER", "prod"),
        Map.entry("ECS_BACKEND_HOST", "https://ecs.example.com:8443"),
        Map.entry("ECS_DATADIR", "/srv/ecs"),
        Map.entry("ECS_CHECKPOINT", "false"),
        Map.entry("ECS_LOGLEVEL", "DEBUG"),
        Map.entry("ECS_RESERVED_PORTS", "[22, 80]"),
        Map.entry("ECS_RESERVED_PORTS_UDP", "[53]"),
        Map.entry("ECS_RESERVED_MEMORY", "256"),
        Map.entry("ECS_CONTAINER_STOP_TIMEOUT", "1m"),
        Map.entry("ECS_CONTAINER_START_TIMEOUT", "45s"),
        Map.entry("ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION", "1h30m"),
        Map.entry("ECS_INSTANCE_ATTRIBUTES", "{\"stack\":\"prod\",\"team\":\"a b\"}"),
        Map.entry("AWS_REGION", "eu-west-1"),
        Map.entry("DOCKER_HOST", "tcp://127.0.0.1:2375"),
        Map.entry("ECS_AGENT_INTROSPECTION_PORT", "0"),
        Map.entry("ECS_AGENT_ENDPOINT_PORT", "8080"),
        Map.entry("ECS_AGENT_METRICS_PORT", "9090"),
        Map.entry("ECS_IMAGE_PULL_BEHAVIOR", "prefer-cached"),
        Map.entry("ECS_AVAILABLE_LOGGING_DRIVERS", "[\"json-file\",\"awslogs\"]"),
        Map.entry("ECS_DISABLE_PRIVILEGED", "1"),
        Map.entry("ECS_IMAGE_PULL_INACTIVITY_TIMEOUT", "30s"),
        Map.entry("ECS_IMAGE_PULL_TIMEOUT", "10m"),
        Map.entry("ECS_LOGFILE", "/var/log/ecs/agent.log"),
        Map.entry("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://[fd00:ec2::254]"),
        Map.entry("ECS_TASK_METADATA_RPS_LIMIT", " 100 , 150 "),
        Map.entry("ECS_POLLING_METRICS_WAIT_DURATION", "15s"));

    @Test
    void isRead() {
      AgentConfig config = AgentConfig.fromValues(ALL);

      assertThat(config).isEqualTo(new AgentConfig(
          "prod",
          Optional.of(URI.create("https://ecs.example.com:8443")),
          Path.of("/srv/ecs"),
          false,
          LogLevel.DEBUG,
          List.of(22, 80),
          List.of(53),
          256,
          Duration.ofMinutes(1),
          Duration.ofSeconds(45),
          Duration.ofMinutes(90),
          Map.of("stack", "prod", "team", "a b"),
          Optional.of("eu-west-1"),
          URI.create("tcp://127.0.0.1:2375"),
          0,
          8080,
          9090,
          ImagePullBehavior.PREFER_CACHED,
          List.of("json-file", "awslogs"),
          true,
          Duration.ofSeconds(30),
          Duration.ofMinutes(10),
          Optional.of(Path.of("/var/log/ecs/agent.log")),
          Optional.of(URI.create("http://[fd00:ec2::254]")),
          new TaskMetadataRateLimit(100, 150),
          Duration.ofSeconds(15),
          EngineAuth.NONE));
    }

    @Test
    void describeGivesBackTheSameConfiguration() {
      AgentConfig config = AgentConfig.fromValues(ALL);

      assertThat(AgentConfig.fromValues(config.describe())).isEqualTo(config);
      assertThat(AgentConfig.fromValues(AgentConfig.defaults().describe())).isEqualTo(AgentConfig.defaults());
    }

    @Test
    void describeNamesEveryVariableTheAgentReads() {
      assertThat(AgentConfig.defaults().describe().keySet())
          .containsExactlyInAnyOrderElementsOf(ALL.keySet());
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
      assertThat(AgentConfig.fromValues(Map.of("ECS_CLUSTER", " prod\t", "ECS_AGENT_METRICS_PORT", " 9090 ")))
          .isEqualTo(AgentConfig.defaults().toBuilder().cluster("prod").metricsPort(9090).build());
    }

    @Test
    void unknownEcsVariablesAndOtherVariablesAreIgnored() {
      assertThat(AgentConfig.fromValues(Map.of("ECS_ENABLE_TASK_IAM_ROLE", "not-even-a-bool",
          "ECS_NO_SUCH_THING", "x", "PATH", "/usr/bin", "HOME", "/root"))).isEqualTo(AgentConfig.defaults());
    }
  }

  @Nested
  class BadValues {
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
        ECS_CLUSTER                           | my cluster       | not a cluster name
        ECS_CLUSTER                           | '''prod'''       | not a cluster name
        ECS_BACKEND_HOST                      | ftp://ecs.example | not an http or https URL
        ECS_BACKEND_HOST                      | https://ecs.example.com/path | must be just a scheme, host and port
        ECS_BACKEND_HOST                      | bad_host         | no valid host name
        ECS_BACKEND_HOST                      | host:99999       | port out of range
        ECS_DATADIR                           | data             | must be an absolute path
        ECS_CHECKPOINT                        | yes              | not a boolean (use true or false)
        ECS_LOGLEVEL                          | verbose          | not a log level (use one of crit, error, warn, info, debug)
        ECS_RESERVED_PORTS                    | 22,80            | not valid JSON
        ECS_RESERVED_PORTS                    | [22, 70000]      | 70000 is not a port number (1-65535)
        ECS_RESERVED_PORTS                    | [0]              | 0 is not a port number (1-65535)
        ECS_RESERVED_PORTS                    | ["22"]           | "22" is not a port number
        ECS_RESERVED_PORTS                    | [22.5]           | 22.5 is not a port number
        ECS_RESERVED_PORTS                    | {"a":22}         | not a JSON array of port numbers
        ECS_RESERVED_PORTS                    | [22] [80]        | not valid JSON
        ECS_RESERVED_PORTS_UDP                | [-1]             | -1 is not a port number
        ECS_RESERVED_MEMORY                   | 65536            | not a whole number of MiB from 0 to 65535
        ECS_RESERVED_MEMORY                   | -1               | not a whole number of MiB from 0 to 65535
        ECS_RESERVED_MEMORY                   | 1.5              | not a whole number of MiB from 0 to 65535
        ECS_RESERVED_MEMORY                   | 256MiB           | not a whole number of MiB from 0 to 65535
        ECS_CONTAINER_STOP_TIMEOUT            | abc              | not a duration (use Go syntax such as 30s, 5m, 1h30m)
        ECS_CONTAINER_STOP_TIMEOUT            | 30               | not a duration: missing unit
        ECS_CONTAINER_STOP_TIMEOUT            | 999ms            | below the minimum of 1s
        ECS_CONTAINER_STOP_TIMEOUT            | 0                | below the minimum of 1s
        ECS_CONTAINER_STOP_TIMEOUT            | -5s              | below the minimum of 1s
        ECS_CONTAINER_START_TIMEOUT           | 44s              | below the minimum of 45s
        ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION | 500ms            | below the minimum of 1s
        ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION | 3 hours          | not a duration
        ECS_INSTANCE_ATTRIBUTES               | [1]              | not a JSON object of attribute names to string values
        ECS_INSTANCE_ATTRIBUTES               | {"a":1}          | attribute a must have a string value, not 1
        ECS_INSTANCE_ATTRIBUTES               | {"a":"b","a":"c"} | not valid JSON
        ECS_INSTANCE_ATTRIBUTES               | {"a b":"c"}      | attribute name "a b" must be 1-128 letters
        ECS_INSTANCE_ATTRIBUTES               | {"a:b":"c"}      | attribute name "a:b" must be 1-128 letters
        ECS_INSTANCE_ATTRIBUTES               | {"a":""}         | attribute a value "" must be 1-128
        ECS_INSTANCE_ATTRIBUTES               | {"a":" b"}       | no space at either end
        ECS_INSTANCE_ATTRIBUTES               | {"a":"b!"}       | attribute a value "b!" must be
        AWS_REGION                            | US-EAST-1        | not an AWS Region name such as us-east-1
        AWS_DEFAULT_REGION                    | us east          | not an AWS Region name such as us-east-1
        DOCKER_HOST                           | /var/run/docker.sock | unsupported scheme
        DOCKER_HOST                           | unix://var/run/docker.sock | a unix socket needs an absolute path
        DOCKER_HOST                           | tcp://localhost  | a tcp address needs a host and a port
        DOCKER_HOST                           | http://localhost:2375 | unsupported scheme
        DOCKER_HOST                           | npipe:////./pipe/docker_engine | unsupported scheme
        ECS_AGENT_INTROSPECTION_PORT          | 65536            | not a port number (1-65535, or 0 to disable the listener)
        ECS_AGENT_ENDPOINT_PORT               | -1               | not a port number
        ECS_AGENT_METRICS_PORT                | http             | not a port number
        ECS_IMAGE_PULL_BEHAVIOR               | sometimes        | not an image pull behavior (use one of default, always, once, prefer-cached)
        ECS_IMAGE_PULL_BEHAVIOR               | prefer_cached    | not an image pull behavior
        ECS_AVAILABLE_LOGGING_DRIVERS         | json-file        | not valid JSON
        ECS_AVAILABLE_LOGGING_DRIVERS         | ["json file"]    | "json file" is not a logging driver name
        ECS_AVAILABLE_LOGGING_DRIVERS         | [1]              | 1 is not a logging driver name
        ECS_DISABLE_PRIVILEGED                | on               | not a boolean
        ECS_IMAGE_PULL_INACTIVITY_TIMEOUT     | 0s               | must be more than 0s
        ECS_IMAGE_PULL_TIMEOUT                | 2 hours          | not a duration
        ECS_LOGFILE                           | agent.log        | must be an absolute path
        AWS_EC2_METADATA_SERVICE_ENDPOINT     | 169.254.169.254  | not an http or https URL
        AWS_EC2_METADATA_SERVICE_ENDPOINT     | http://169.254.169.254/latest | must be just a scheme, host and port
        ECS_TASK_METADATA_RPS_LIMIT           | 40               | not a rate limit (use steady,burst: two whole numbers of requests per second, at least 1, such as 40,60)
        ECS_TASK_METADATA_RPS_LIMIT           | 40,              | not a rate limit
        ECS_TASK_METADATA_RPS_LIMIT           | ',60'            | not a rate limit
        ECS_TASK_METADATA_RPS_LIMIT           | 0,60             | not a rate limit
        ECS_TASK_METADATA_RPS_LIMIT           | 40,-1            | not a rate limit
        ECS_TASK_METADATA_RPS_LIMIT           | 40,60,80         | not a rate limit
        ECS_TASK_METADATA_RPS_LIMIT           | 40.5,60          | not a rate limit
        ECS_POLLING_METRICS_WAIT_DURATION     | 4s               | below the minimum of 5s
        ECS_POLLING_METRICS_WAIT_DURATION     | 21s              | above the maximum of 20s
        ECS_POLLING_METRICS_WAIT_DURATION     | 10               | not a duration: missing unit
        """)
    void isAProblemNamingTheVariableAndTheValue(String variable, String value, String reason) {
      List<String> problems = problemsOf(Map.of(variable, value));

      assertThat(problems).hasSize(1);
      assertThat(problems.get(0))
          .startsWith(variable + "=" + ConfigParser.quote(value) + ": ")
          .contains(reason);
    }

    @Test
    void readsLikeTheExampleOperatorsSee() {
      assertThat(problemsOf(Map.of("ECS_CONTAINER_STOP_TIMEOUT", "abc"))).containsExactly(
          "ECS_CONTAINER_STOP_TIMEOUT=\"abc\": not a duration (use Go syntax such as 30s, 5m, 1h30m)");
    }

    @Test
    void areAllReportedTogetherOnePerLine() {
      ConfigException e = catchThrowableOfType(ConfigException.class, () -> AgentConfig.fromValues(Map.of(
          "ECS_CONTAINER_STOP_TIMEOUT", "abc",
          "ECS_RESERVED_PORTS", "[99999]",
          "ECS_CHECKPOINT", "maybe",
          "ECS_CLUSTER", "good-cluster")));

      assertThat(e.problems()).containsExactlyInAnyOrder(
          "ECS_CONTAINER_STOP_TIMEOUT=\"abc\": not a duration (use Go syntax such as 30s, 5m, 1h30m)",
          "ECS_RESERVED_PORTS=\"[99999]\": 99999 is not a port number (1-65535); expected a JSON array of port"
              + " numbers 1-65535, such as [22, 2375]",
          "ECS_CHECKPOINT=\"maybe\": not a boolean (use true or false)");
      assertThat(e.getMessage().lines().toList()).containsExactlyElementsOf(e.problems());
    }

    @Test
    void showValuesUnambiguously() {
      assertThat(problemsOf(Map.of("ECS_CLUSTER", "a\"b\\c\u0001")))
          .containsExactly("ECS_CLUSTER=\"a\\\"b\\\\c\\u0001\": not a cluster name (up to 255 letters, digits,"
              + " hyphens and underscores) or cluster ARN");
      assertThat(problemsOf(Map.of("ECS_CLUSTER", "x".repeat(300))).get(0))
          .startsWith("ECS_CLUSTER=\"" + "x".repeat(120) + "...\": ");
    }

    @Test
    void tooManyInstanceAttributes() {
      StringBuilder json = new StringBuilder("{");
      for (int i = 0; i < 11; i++) {
        json.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"v\"");
      }
      assertThat(problemsOf(Map.of("ECS_INSTANCE_ATTRIBUTES", json.append('}').toString())).get(0))
          .endsWith(": 11 attributes; ECS accepts at most 10 custom attributes per container instance");
    }

    @Test
    void everyBadAttributeIsNamed() {
      assertThat(problemsOf(Map.of("ECS_INSTANCE_ATTRIBUTES", "{\"ok\":\"v\",\"a b\":\"v\",\"c\":2}")))
          .singleElement().asString()
          .contains("attribute name \"a b\"")
          .contains("attribute c must have a string value, not 2");
    }
  }

  @Nested
  class Values {
    @Test
    void durationsAreAcceptedAtTheirMinimum() {
      AgentConfig config = AgentConfig.fromValues(Map.of(
          "ECS_CONTAINER_STOP_TIMEOUT", "1s",
          "ECS_CONTAINER_START_TIMEOUT", "45s",
          "ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION", "1000ms"));

      assertThat(config.containerStopTimeout()).isEqualTo(Duration.ofSeconds(1));
      assertThat(config.containerStartTimeout()).isEqualTo(Duration.ofSeconds(45));
      assertThat(config.taskCleanupWaitDuration()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void pollingMetricsWaitDurationSpansFiveToTwentySeconds() {
      assertThat(AgentConfig.fromValues(Map.of("ECS_POLLING_METRICS_WAIT_DURATION", "5s")).pollingMetricsWaitDuration())
          .isEqualTo(Duration.ofSeconds(5));
      assertThat(AgentConfig.fromValues(Map.of("ECS_POLLING_METRICS_WAIT_DURATION", "20s")).pollingMetricsWaitDuration())
          .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void rateLimitMayHaveABurstBelowItsSteadyRate() {
      assertThat(AgentConfig.fromValues(Map.of("ECS_TASK_METADATA_RPS_LIMIT", "1000,1100")).taskMetadataRpsLimit())
          .isEqualTo(new TaskMetadataRateLimit(1000, 1100));
      assertThat(AgentConfig.fromValues(Map.of("ECS_TASK_METADATA_RPS_LIMIT", "10,5")).taskMetadataRpsLimit())
          .isEqualTo(new TaskMetadataRateLimit(10, 5));
    }

    @Test
    void listenerPortZeroDisablesTheListener() {
      AgentConfig config = AgentConfig.fromValues(Map.of(
          "ECS_AGENT_INTROSPECTION_PORT", "0", "ECS_AGENT_ENDPOINT_PORT", "0", "ECS_AGENT_METRICS_PORT", "0"));

      assertThat(config.introspectionPort()).isZero();
      assertThat(config.endpointPort()).isZero();
      assertThat(config.metricsPort()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "65535"})
    void listenerPortsSpanTheWholeRange(String port) {
      assertThat(AgentConfig.fromValues(Map.of("ECS_AGENT_METRICS_PORT", port)).metricsPort())
          .isEqualTo(Integer.parseInt(port));
    }

    @Test
    void twoListenersOnOnePortIsAProblemBlamingTheVariableSet() {
      assertThat(problemsOf(Map.of("ECS_AGENT_METRICS_PORT", "51678"))).containsExactly(
          "ECS_AGENT_METRICS_PORT=\"51678\": the same port as ECS_AGENT_INTROSPECTION_PORT; use another port,"
              + " or 0 to disable one of the listeners");
      assertThat(problemsOf(Map.of("ECS_AGENT_INTROSPECTION_PORT", "51680"))).singleElement().asString()
          .startsWith("ECS_AGENT_INTROSPECTION_PORT=\"51680\": the same port as ECS_AGENT_METRICS_PORT");
    }

    @Test
    void reservedPortsRepeatedAreKeptOnce() {
      assertThat(AgentConfig.fromValues(Map.of("ECS_RESERVED_PORTS", "[22, 80, 22]")).reservedPorts())
          .containsExactly(22, 80);
      assertThat(AgentConfig.fromValues(Map.of("ECS_RESERVED_PORTS", "[]")).reservedPorts()).isEmpty();
    }

    @Test
    void reservedMemoryRange() {
      assertThat(AgentConfig.fromValues(Map.of("ECS_RESERVED_MEMORY", "0")).reservedMemoryMiB()).isZero();
      assertThat(AgentConfig.fromValues(Map.of("ECS_RESERVED_MEMORY", "65535")).reservedMemoryMiB()).isEqualTo(65535);
    }

    @ParameterizedTest
    @CsvSource({"crit, CRIT, ERROR", "ERROR, ERROR, ERROR", "Warn, WARN, WARN", "info, INFO, INFO",
        "debug, DEBUG, DEBUG"})
    void logLevelIsCaseInsensitiveAndMapsToLogback(String value, LogLevel level, String logback) {
      assertThat(AgentConfig.fromValues(Map.of("ECS_LOGLEVEL", value)).logLevel()).isEqualTo(level);
      assertThat(level.logbackLevelName()).isEqualTo(logback);
    }

    @ParameterizedTest
    @CsvSource({"default, DEFAULT", "always, ALWAYS", "once, ONCE", "prefer-cached, PREFER_CACHED"})
    void imagePullBehaviors(String value, ImagePullBehavior behavior) {
      assertThat(AgentConfig.fromValues(Map.of("ECS_IMAGE_PULL_BEHAVIOR", value)).imagePullBehavior())
          .isEqualTo(behavior);
      assertThat(behavior.configValue()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"1, true", "t, true", "True, true", "0, false", "F, false", "FALSE, false"})
    void booleansUseGoSpellings(String value, boolean expected) {
      assertThat(AgentConfig.fromValues(Map.of("ECS_CHECKPOINT", value)).checkpoint()).isEqualTo(expected);
    }

    @Test
    void clusterMayBeAnArn() {
      String arn = "arn:aws:ecs:us-east-1:123456789012:cluster/prod_1";
      assertThat(AgentConfig.fromValues(Map.of("ECS_CLUSTER", arn)).cluster()).isEqualTo(arn);
      String govArn = "arn:aws-us-gov:ecs:us-gov-west-1:123456789012:cluster/prod";
      assertThat(AgentConfig.fromValues(Map.of("ECS_CLUSTER", govArn)).cluster()).isEqualTo(govArn);
    }

    @Test
    void instanceAttributesKeepTheirOrder() {
      AgentConfig config = AgentConfig.fromValues(Map.of("ECS_INSTANCE_ATTRIBUTES",
          "{\"z.b\":\"1\",\"a/b\":\"user@host:/x\",\"m\\\\n\":\"C:\\\\dir\",\"k\":\"" + "v".repeat(128) + "\"}"));

      assertThat(config.instanceAttributes()).containsExactly(
          entry("z.b", "1"), entry("a/b", "user@host:/x"), entry("m\\n", "C:\\dir"), entry("k", "v".repeat(128)));
    }

    @Test
    void loggingDriversRepeatedAreKeptOnce() {
      assertThat(AgentConfig.fromValues(Map.of("ECS_AVAILABLE_LOGGING_DRIVERS",
          "[\"json-file\",\"awslogs\",\"json-file\",\"awsfirelens\"]")).availableLoggingDrivers())
          .containsExactly("json-file", "awslogs", "awsfirelens");
    }
  }

  @Nested
  class Region {
    @Test
    void awsRegionWinsOverAwsDefaultRegion() {
      assertThat(AgentConfig.fromValues(Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "us-east-1"))
          .region()).contains("eu-west-1");
    }

    @Test
    void awsDefaultRegionIsTheFallback() {
      assertThat(AgentConfig.fromValues(Map.of("AWS_DEFAULT_REGION", "us-east-1")).region()).contains("us-east-1");
      assertThat(AgentConfig.fromValues(Map.of("AWS_REGION", "", "AWS_DEFAULT_REGION", "us-east-1")).region())
          .contains("us-east-1");
    }

    @Test
    void isEmptyWhenNeitherIsSet() {
      assertThat(AgentConfig.fromValues(Map.of()).region()).isEmpty();
    }

    @Test
    void onlyTheWinningVariableIsChecked() {
      assertThat(problemsOf(Map.of("AWS_REGION", "Bad", "AWS_DEFAULT_REGION", "also bad")))
          .singleElement().asString().startsWith("AWS_REGION=\"Bad\"");
    }
  }

  @Nested
  class Addresses {
    @ParameterizedTest
    @CsvSource({
        "ecs.example.com, https://ecs.example.com",
        "ecs.example.com:8443, https://ecs.example.com:8443",
        "https://ecs.example.com, https://ecs.example.com",
        "https://ecs.example.com/, https://ecs.example.com",
        "HTTPS://ecs.example.com, https://ecs.example.com",
        "http://localhost:8080, http://localhost:8080",
        "http://127.0.0.1:8080/, http://127.0.0.1:8080",
        "'[::1]:8443', 'https://[::1]:8443'",
        "https://ecs.us-east-1.amazonaws.com, https://ecs.us-east-1.amazonaws.com",
    })
    void backendHostForms(String value, URI expected) {
      assertThat(AgentConfig.fromValues(Map.of("ECS_BACKEND_HOST", value)).backendHost()).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user@ecs.example.com", "https://ecs.example.com?x=1", "https://ecs.example.com#f",
        "https://", "https://:443", "host:port", "ws://ecs.example.com"})
    void backendHostRejects(String value) {
      assertThat(problemsOf(Map.of("ECS_BACKEND_HOST", value))).singleElement().asString()
          .startsWith("ECS_BACKEND_HOST=" + ConfigParser.quote(value) + ": ");
    }

    @ParameterizedTest
    @CsvSource({
        "unix:///var/run/docker.sock, unix:///var/run/docker.sock",
        "unix:///run/user/1000/docker.sock, unix:///run/user/1000/docker.sock",
        "tcp://127.0.0.1:2375, tcp://127.0.0.1:2375",
        "tcp://docker.internal:2376/, tcp://docker.internal:2376",
        "TCP://[::1]:2375, tcp://[::1]:2375",
    })
    void dockerHostForms(String value, URI expected) {
      assertThat(AgentConfig.fromValues(Map.of("DOCKER_HOST", value)).dockerHost()).isEqualTo(expected);
    }

    @Test
    void metadataEndpoint() {
      assertThat(AgentConfig.fromValues(Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://169.254.169.254/"))
          .imdsEndpoint()).contains(URI.create("http://169.254.169.254"));
    }
  }

  @Nested
  class Load {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
      return Files.writeString(dir.resolve("ecs.config"), text);
    }

    @Test
    void readsTheDefaultFile() throws IOException {
      Path file = file("ECS_CLUSTER=from-file\nECS_LOGLEVEL=\"debug\"\n");

      AgentConfig config = AgentConfig.load(Map.of(), file);

      assertThat(config.cluster()).isEqualTo("from-file");
      assertThat(config.logLevel()).isEqualTo(LogLevel.DEBUG);
    }

    @Test
    void missingDefaultFileMeansDefaults() {
      assertThat(AgentConfig.load(Map.of(), dir.resolve("absent"))).isEqualTo(AgentConfig.defaults());
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
      Path file = file("ECS_CLUSTER=from-file\nECS_CONTAINER_STOP_TIMEOUT=1m\n");

      AgentConfig config = AgentConfig.load(Map.of("ECS_CLUSTER", "from-env"), file);

      assertThat(config.cluster()).isEqualTo("from-env");
      assertThat(config.containerStopTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void emptyEnvironmentVariableDoesNotHideTheFile() throws IOException {
      Path file = file("ECS_CLUSTER=from-file\n");

      assertThat(AgentConfig.load(Map.of("ECS_CLUSTER", ""), file).cluster()).isEqualTo("from-file");
    }

    @Test
    void emptyValueInTheFileMeansTheDefault() throws IOException {
      Path file = file("ECS_CLUSTER=\nECS_RESERVED_PORTS=\"\"\n");

      assertThat(AgentConfig.load(Map.of(), file)).isEqualTo(AgentConfig.defaults());
    }

    @Test
    void environmentValueFixesABadFileValue() throws IOException {
      Path file = file("ECS_CONTAINER_STOP_TIMEOUT=abc\n");

      assertThat(AgentConfig.load(Map.of("ECS_CONTAINER_STOP_TIMEOUT", "10s"), file).containerStopTimeout())
          .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void configFileVariableNamesTheFile() throws IOException {
      Path other = Files.writeString(dir.resolve("other.config"), "ECS_CLUSTER=other\n");
      Path defaultFile = file("ECS_CLUSTER=default-file\n");

      AgentConfig config = AgentConfig.load(Map.of("ECS_CONFIG_FILE", other.toString()), defaultFile);

      assertThat(config.cluster()).isEqualTo("other");
    }

    @Test
    void missingNamedFileIsAProblem() {
      Path absent = dir.resolve("absent.config");

      assertThatThrownBy(() -> AgentConfig.load(Map.of("ECS_CONFIG_FILE", absent.toString()), dir.resolve("x")))
          .isInstanceOf(ConfigException.class)
          .hasMessage("ECS_CONFIG_FILE=\"" + absent + "\": no such file");
    }

    @Test
    void badLinesAndBadValuesAreReportedTogetherWithWhereTheyAre() throws IOException {
      Path file = file("""
          ECS_CLUSTER=prod
          not a setting
          ECS_CONTAINER_STOP_TIMEOUT=abc
          """);

      ConfigException e = catchThrowableOfType(ConfigException.class,
          () -> AgentConfig.load(Map.of("ECS_RESERVED_MEMORY", "lots"), file));

      assertThat(e.problems()).containsExactlyInAnyOrder(
          file + " line 2: expected KEY=VALUE",
          "ECS_CONTAINER_STOP_TIMEOUT=\"abc\" (" + file + " line 3): not a duration (use Go syntax such as 30s, 5m,"
              + " 1h30m)",
          "ECS_RESERVED_MEMORY=\"lots\": not a whole number of MiB from 0 to 65535");
    }
  }

  @Nested
  class Building {
    @Test
    void toBuilderChangesOnlyWhatIsSet() {
      Path dataDir = Path.of("/tmp/data");

      AgentConfig config = AgentConfig.defaults().toBuilder().cluster("c").dataDir(dataDir).introspectionPort(0).build();

      assertThat(config.cluster()).isEqualTo("c");
      assertThat(config.dataDir()).isEqualTo(dataDir);
      assertThat(config.introspectionPort()).isZero();
      assertThat(config.toBuilder().cluster("default").dataDir(Path.of("/var/lib/ecs/data")).introspectionPort(51678)
          .build()).isEqualTo(AgentConfig.defaults());
    }

    @Test
    void builderDoesNotApplyOperatorLimits() {
      AgentConfig config = AgentConfig.builder()
          .containerStopTimeout(Duration.ofMillis(100))
          .taskCleanupWaitDuration(Duration.ofMillis(10))
          .region("local")
          .backendHost(URI.create("http://localhost:1234"))
          .logFile(Path.of("agent.log"))
          .imdsEndpoint(URI.create("http://localhost:1338"))
          .build();

      assertThat(config.containerStopTimeout()).isEqualTo(Duration.ofMillis(100));
      assertThat(config.region()).contains("local");
      assertThat(config.backendHost()).contains(URI.create("http://localhost:1234"));
    }

    @Test
    void collectionsAreCopied() {
      List<Integer> ports = new ArrayList<>(List.of(22));
      Map<String, String> attributes = new HashMap<>(Map.of("a", "b"));

      AgentConfig config = AgentConfig.builder().reservedPorts(ports).instanceAttributes(attributes).build();
      ports.add(80);
      attributes.put("c", "d");

      assertThat(config.reservedPorts()).containsExactly(22);
      assertThat(config.instanceAttributes()).containsOnlyKeys("a");
      assertThatThrownBy(() -> config.reservedPorts().add(1)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> config.instanceAttributes().put("x", "y"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullsAreRejected() {
      assertThatThrownBy(() -> AgentConfig.builder().cluster(null).build())
          .isInstanceOf(NullPointerException.class).hasMessage("cluster");
    }
  }

  @org.junit.jupiter.api.Test
  void engineAuthInBothFormatsWithPasswordsNeverShown() {
    AgentConfig docker = AgentConfig.fromValues(java.util.Map.of("ECS_ENGINE_AUTH_TYPE", "docker",
        "ECS_ENGINE_AUTH_DATA", "{\"https://127.0.0.1:5000/v1/\":{\"username\":\"alice\",\"password\":\"s3cret-pw\"}}"));
    org.assertj.core.api.Assertions.assertThat(docker.engineAuth().forImage("127.0.0.1:5000/app:1"))
        .map(EngineAuth.RegistryCredentials::password).contains("s3cret-pw");
    String encoded = java.util.Base64.getEncoder().encodeToString("bob:hunter2-pw".getBytes());
    AgentConfig cfg = AgentConfig.fromValues(java.util.Map.of("ECS_ENGINE_AUTH_TYPE", "dockercfg",
        "ECS_ENGINE_AUTH_DATA", "{\"https://index.docker.io/v1/\":{\"auth\":\"" + encoded + "\"}}"));
    org.assertj.core.api.Assertions.assertThat(cfg.engineAuth().forImage("busybox")).map(EngineAuth.RegistryCredentials::username)
        .contains("bob");
    org.assertj.core.api.Assertions.assertThat(cfg.describe()).doesNotContainKey("ECS_ENGINE_AUTH_DATA");
    org.assertj.core.api.Assertions.assertThat(cfg.describe().toString() + cfg.engineAuth() + docker)
        .doesNotContain("hunter2-pw").doesNotContain("s3cret-pw");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentConfig.fromValues(java.util.Map.of(
            "ECS_ENGINE_AUTH_TYPE", "docker", "ECS_ENGINE_AUTH_DATA", "{\"r\":{\"username\":\"x\",\"password\":\"\"}} leak-me")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ECS_ENGINE_AUTH_DATA (value hidden)")
        .hasMessageNotContaining("leak-me");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentConfig.fromValues(java.util.Map.of(
            "ECS_ENGINE_AUTH_TYPE", "basic", "ECS_ENGINE_AUTH_DATA", "{}")))
        .hasMessageContaining("ECS_ENGINE_AUTH_TYPE=\"basic\"");
  }
}
