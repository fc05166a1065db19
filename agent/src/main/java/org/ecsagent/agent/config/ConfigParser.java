package org.ecsagent.agent.config;

import static org.ecsagent.agent.config.Variables.AWS_DEFAULT_REGION;
import static org.ecsagent.agent.config.Variables.AWS_EC2_METADATA_SERVICE_ENDPOINT;
import static org.ecsagent.agent.config.Variables.AWS_REGION;
import static org.ecsagent.agent.config.Variables.DOCKER_HOST;
import static org.ecsagent.agent.config.Variables.ECS_AGENT_ENDPOINT_PORT;
import static org.ecsagent.agent.config.Variables.ECS_AGENT_INTROSPECTION_PORT;
import static org.ecsagent.agent.config.Variables.ECS_AGENT_METRICS_PORT;
import static org.ecsagent.agent.config.Variables.ECS_AVAILABLE_LOGGING_DRIVERS;
import static org.ecsagent.agent.config.Variables.ECS_BACKEND_HOST;
import static org.ecsagent.agent.config.Variables.ECS_CHECKPOINT;
import static org.ecsagent.agent.config.Variables.ECS_CLUSTER;
import static org.ecsagent.agent.config.Variables.ECS_CONTAINER_START_TIMEOUT;
import static org.ecsagent.agent.config.Variables.ECS_CONTAINER_STOP_TIMEOUT;
import static org.ecsagent.agent.config.Variables.ECS_DATADIR;
import static org.ecsagent.agent.config.Variables.ECS_DISABLE_PRIVILEGED;
import static org.ecsagent.agent.config.Variables.ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION;
import static org.ecsagent.agent.config.Variables.ECS_IMAGE_PULL_BEHAVIOR;
import static org.ecsagent.agent.config.Variables.ECS_IMAGE_PULL_INACTIVITY_TIMEOUT;
import static org.ecsagent.agent.config.Variables.ECS_IMAGE_PULL_TIMEOUT;
import static org.ecsagent.agent.config.Variables.ECS_INSTANCE_ATTRIBUTES;
import static org.ecsagent.agent.config.Variables.ECS_LOGFILE;
import static org.ecsagent.agent.config.Variables.ECS_LOGLEVEL;
import static org.ecsagent.agent.config.Variables.ECS_POLLING_METRICS_WAIT_DURATION;
import static org.ecsagent.agent.config.Variables.ECS_RESERVED_MEMORY;
import static org.ecsagent.agent.config.Variables.ECS_RESERVED_PORTS;
import static org.ecsagent.agent.config.Variables.ECS_RESERVED_PORTS_UDP;
import static org.ecsagent.agent.config.Variables.ECS_TASK_METADATA_RPS_LIMIT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns raw variable values into an {@link AgentConfig}, checking every one and collecting every
 * problem, so that {@link ConfigException} lists all of them at once. A variable that is absent,
 * empty or blank is unset and keeps its default, as with the original agent (Go's
 * {@code os.Getenv} cannot tell the two apart); whitespace around a value is ignored.
 */
final class ConfigParser {
  private static final Logger log = LoggerFactory.getLogger(ConfigParser.class);

  // The original's minimums (agent/config/config.go); it silently used the default below them, we refuse.
  static final Duration MIN_CONTAINER_STOP_TIMEOUT = Duration.ofSeconds(1);
  static final Duration MIN_CONTAINER_START_TIMEOUT = Duration.ofSeconds(45);
  static final Duration MIN_TASK_CLEANUP_WAIT = Duration.ofSeconds(1);
  // The original clamps ECS_POLLING_METRICS_WAIT_DURATION into [5s, 20s] with a warning; we refuse.
  static final Duration MIN_POLLING_METRICS_WAIT = Duration.ofSeconds(5);
  static final Duration MAX_POLLING_METRICS_WAIT = Duration.ofSeconds(20);

  // ECS: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens", or the cluster ARN.
  private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern CLUSTER_ARN =
      Pattern.compile("arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}:cluster/[A-Za-z0-9_-]{1,255}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
  // ECS API Attribute rules: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Attribute.html
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_./\\\\-]{1,128}");
  private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("[A-Za-z0-9_.@/\\\\: -]{1,128}");
  private static final int MAX_CUSTOM_ATTRIBUTES = 10; // ECS: "up to 10 custom attributes for each resource"
  // Each driver becomes the attribute com.amazonaws.ecs.capability.logging-driver.<driver> (≤ 128 chars).
  private static final String LOGGING_DRIVER_CAPABILITY = "com.amazonaws.ecs.capability.logging-driver.";
  private static final Pattern LOGGING_DRIVER =
      Pattern.compile("[A-Za-z0-9_./-]{1," + (128 - LOGGING_DRIVER_CAPABILITY.length()) + "}");
  private static final int MAX_SHOWN_VALUE = 120;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final Map<String, Setting> settings;
  private final List<String> problems;

  private ConfigParser(Map<String, Setting> settings, List<String> earlierProblems) {
    this.settings = settings;
    this.problems = new ArrayList<>(earlierProblems);
  }

  /**
   * The configuration {@code settings} describe, defaults for the rest.
   *
   * @param earlierProblems problems already found (in the config file), reported together with ours
   * @throws ConfigException listing every problem, if there is any
   */
  static AgentConfig parse(Map<String, Setting> settings, List<String> earlierProblems) {
    ConfigParser parser = new ConfigParser(settings, earlierProblems);
    AgentConfig config = parser.parse();
    if (!parser.problems.isEmpty()) {
      throw new ConfigException(parser.problems);
    }
    return config;
  }

  private AgentConfig parse() {
    logIgnoredVariables();
    AgentConfig.Builder b = AgentConfig.defaults().toBuilder();
    read(ECS_CLUSTER, ConfigParser::clusterName).ifPresent(b::cluster);
    read(ECS_BACKEND_HOST, ConfigParser::backendHost).ifPresent(b::backendHost);
    read(ECS_DATADIR, ConfigParser::absolutePath).ifPresent(b::dataDir);
    read(ECS_CHECKPOINT, ConfigParser::bool).ifPresent(b::checkpoint);
    read(ECS_LOGLEVEL, ConfigParser::logLevel).ifPresent(b::logLevel);
    read(ECS_RESERVED_PORTS, ConfigParser::portList).ifPresent(b::reservedPorts);
    read(ECS_RESERVED_PORTS_UDP, ConfigParser::portList).ifPresent(b::reservedPortsUdp);
    read(ECS_RESERVED_MEMORY, ConfigParser::memoryMiB).ifPresent(b::reservedMemoryMiB);
    read(ECS_CONTAINER_STOP_TIMEOUT, v -> duration(v, MIN_CONTAINER_STOP_TIMEOUT)).ifPresent(b::containerStopTimeout);
    read(ECS_CONTAINER_START_TIMEOUT, v -> duration(v, MIN_CONTAINER_START_TIMEOUT)).ifPresent(b::containerStartTimeout);
    read(ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION, v -> duration(v, MIN_TASK_CLEANUP_WAIT))
        .ifPresent(b::taskCleanupWaitDuration);
    read(ECS_INSTANCE_ATTRIBUTES, ConfigParser::instanceAttributes).ifPresent(b::instanceAttributes);
    b.region(region());
    read(DOCKER_HOST, ConfigParser::dockerHost).ifPresent(b::dockerHost);
    read(ECS_AGENT_INTROSPECTION_PORT, ConfigParser::listenerPort).ifPresent(b::introspectionPort);
    read(ECS_AGENT_ENDPOINT_PORT, ConfigParser::listenerPort).ifPresent(b::endpointPort);
    read(ECS_AGENT_METRICS_PORT, ConfigParser::listenerPort).ifPresent(b::metricsPort);
    read(ECS_IMAGE_PULL_BEHAVIOR, ConfigParser::imagePullBehavior).ifPresent(b::imagePullBehavior);
    read(ECS_AVAILABLE_LOGGING_DRIVERS, ConfigParser::loggingDrivers).ifPresent(b::availableLoggingDrivers);
    read(ECS_DISABLE_PRIVILEGED, ConfigParser::bool).ifPresent(b::disablePrivileged);
    read(ECS_IMAGE_PULL_INACTIVITY_TIMEOUT, v -> duration(v, Duration.ofNanos(1)))
        .ifPresent(b::imagePullInactivityTimeout);
    read(ECS_IMAGE_PULL_TIMEOUT, v -> duration(v, Duration.ofNanos(1))).ifPresent(b::imagePullTimeout);
    read(ECS_LOGFILE, ConfigParser::absolutePath).ifPresent(b::logFile);
    read(AWS_EC2_METADATA_SERVICE_ENDPOINT, ConfigParser::metadataEndpoint).ifPresent(b::imdsEndpoint);
    read(ECS_TASK_METADATA_RPS_LIMIT, ConfigParser::rateLimit).ifPresent(b::taskMetadataRpsLimit);
    read(ECS_POLLING_METRICS_WAIT_DURATION, v -> duration(v, MIN_POLLING_METRICS_WAIT, MAX_POLLING_METRICS_WAIT))
        .ifPresent(b::pollingMetricsWaitDuration);
    engineAuth().ifPresent(b::engineAuth);
    AgentConfig config = b.build();
    checkListenerPortsDiffer(config);
    return config;
  }

  /**
   * ECS_ENGINE_AUTH_TYPE ({@code docker} or {@code dockercfg}) with ECS_ENGINE_AUTH_DATA. The data
   * holds passwords, so a problem with it names the variable but never echoes the value.
   */
  private Optional<EngineAuth> engineAuth() {
    boolean typeSet = isSet(Variables.ECS_ENGINE_AUTH_TYPE);
    boolean dataSet = isSet(Variables.ECS_ENGINE_AUTH_DATA);
    if (!typeSet && !dataSet) {
      return Optional.empty();
    }
    if (!typeSet || !dataSet) {
      problems.add("ECS_ENGINE_AUTH_TYPE and ECS_ENGINE_AUTH_DATA must be set together");
      return Optional.empty();
    }
    String type = settings.get(Variables.ECS_ENGINE_AUTH_TYPE).value().strip();
    if (!type.equals("docker") && !type.equals("dockercfg")) {
      problems.add("ECS_ENGINE_AUTH_TYPE=" + quote(type) + ": expected docker or dockercfg");
      return Optional.empty();
    }
    try {
      return Optional.of(new EngineAuth(type, registryCredentials(type,
          settings.get(Variables.ECS_ENGINE_AUTH_DATA).value().strip())));
    } catch (InvalidValue e) {
      problems.add("ECS_ENGINE_AUTH_DATA (value hidden): " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Map<String, EngineAuth.RegistryCredentials> registryCredentials(String type, String value)
      throws InvalidValue {
    com.fasterxml.jackson.databind.JsonNode root;
    try {
      root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(value);
    } catch (java.io.IOException e) {
      throw new InvalidValue("not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidValue("expected a JSON object keyed by registry");
    }
    Map<String, EngineAuth.RegistryCredentials> out = new java.util.LinkedHashMap<>();
    for (var e : (Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) root::fields) {
      var entry = e.getValue();
      String user;
      String password;
      if (type.equals("docker")) {
        user = entry.path("username").asText("");
        password = entry.path("password").asText("");
      } else {
        String decoded;
        try {
          decoded = new String(java.util.Base64.getDecoder().decode(entry.path("auth").asText("")),
              java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException bad) {
          throw new InvalidValue("registry " + e.getKey() + ": auth is not base64 of user:password");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
          throw new InvalidValue("registry " + e.getKey() + ": auth is not base64 of user:password");
        }
        user = decoded.substring(0, colon);
        password = decoded.substring(colon + 1);
      }
      if (user.isEmpty() || password.isEmpty()) {
        throw new InvalidValue("registry " + e.getKey() + ": needs a username and a password");
      }
      out.put(EngineAuth.normalize(e.getKey()), new EngineAuth.RegistryCredentials(user, password));
    }
    return out;
  }

  /** AWS_REGION wins over AWS_DEFAULT_REGION, as in the AWS SDKs. */
  private Optional<String> region() {
    if (isSet(AWS_REGION)) {
      return read(AWS_REGION, ConfigParser::regionName);
    }
    return read(AWS_DEFAULT_REGION, ConfigParser::regionName);
  }

  // Two listeners on one port would fail at bind time, after registration; say so now.
  private void checkListenerPortsDiffer(AgentConfig config) {
    List<Map.Entry<String, Integer>> ports = List.of(
        Map.entry(ECS_AGENT_INTROSPECTION_PORT, config.introspectionPort()),
        Map.entry(ECS_AGENT_ENDPOINT_PORT, config.endpointPort()),
        Map.entry(ECS_AGENT_METRICS_PORT, config.metricsPort()));
    for (int i = 0; i < ports.size(); i++) {
      for (int j = i + 1; j < ports.size(); j++) {
        var first = ports.get(i);
        var second = ports.get(j);
        if (first.getValue() != 0 && first.getValue().equals(second.getValue())) {
          // Blame the variable the operator set, not the one left at its default.
          var blamed = isSet(second.getKey()) ? second : first;
          var other = blamed == second ? first : second;
          problems.add(blamed.getKey() + "=" + quote(String.valueOf(blamed.getValue())) + ": the same port as "
              + other.getKey()
              + "; use another port, or 0 to disable one of the listeners");
        }
      }
    }
  }

  private void logIgnoredVariables() {
    if (!log.isDebugEnabled()) {
      return;
    }
    new TreeSet<>(settings.keySet()).stream()
        .filter(name -> name.startsWith("ECS_") && !Variables.KNOWN.contains(name))
        .forEach(name -> log.debug("ignoring {}: not a setting of this agent", name));
  }

  private boolean isSet(String name) {
    Setting setting = settings.get(name);
    return setting != null && !setting.value().isBlank();
  }

  /** The parsed value of {@code name}, or empty if it is unset or invalid (then a problem is recorded). */
  private <T> Optional<T> read(String name, ValueParser<T> parser) {
    if (!isSet(name)) {
      return Optional.empty();
    }
    Setting setting = settings.get(name);
    String value = setting.value().strip();
    try {
      return Optional.of(parser.parse(value));
    } catch (InvalidValue e) {
      problems.add(name + "=" + quote(value) + setting.origin().map(o -> " (" + o + ")").orElse("") + ": "
          + e.getMessage());
      return Optional.empty();
    }
  }

  @FunctionalInterface
  private interface ValueParser<T> {
    T parse(String value) throws InvalidValue;
  }

  /** Why a value is unusable, in words for the operator. */
  private static final class InvalidValue extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidValue(String reason) {
      super(reason, null, false, false);
    }
  }

  // ---- one parser per kind of value -------------------------------------------------------------

  private static String clusterName(String value) throws InvalidValue {
    if (CLUSTER_NAME.matcher(value).matches() || CLUSTER_ARN.matcher(value).matches()) {
      return value;
    }
    throw new InvalidValue("not a cluster name (up to 255 letters, digits, hyphens and underscores) or cluster ARN");
  }

  private static boolean bool(String value) throws InvalidValue {
    return GoBool.parse(value).orElseThrow(() -> new InvalidValue("not a boolean (" + GoBool.ACCEPTED + ")"));
  }

  private static Duration duration(String value, Duration minimum) throws InvalidValue {
    Duration duration;
    try {
      duration = GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidValue(e.getMessage());
    }
    if (duration.compareTo(minimum) < 0) {
      throw new InvalidValue(minimum.equals(Duration.ofNanos(1))
          ? "must be more than 0s"
          : "below the minimum of " + GoDuration.format(minimum));
    }
    return duration;
  }

  private static Duration duration(String value, Duration minimum, Duration maximum) throws InvalidValue {
    Duration duration = duration(value, minimum);
    if (duration.compareTo(maximum) > 0) {
      throw new InvalidValue("above the maximum of " + GoDuration.format(maximum));
    }
    return duration;
  }

  /** {@code steady,burst}, two whole numbers of requests per second, each at least 1. */
  private static TaskMetadataRateLimit rateLimit(String value) throws InvalidValue {
    String expected = "not a rate limit (use steady,burst: two whole numbers of requests per second, at least 1,"
        + " such as 40,60)";
    String[] parts = value.split(",", -1);
    if (parts.length != 2) {
      throw new InvalidValue(expected);
    }
    int steady = wholeNumber(parts[0].strip(), 1, Integer.MAX_VALUE, expected);
    int burst = wholeNumber(parts[1].strip(), 1, Integer.MAX_VALUE, expected);
    return new TaskMetadataRateLimit(steady, burst);
  }

  private static LogLevel logLevel(String value) throws InvalidValue {
    return LogLevel.fromConfigValue(value).orElseThrow(() -> new InvalidValue("not a log level (use one of "
        + String.join(", ", Arrays.stream(LogLevel.values()).map(LogLevel::configValue).toList()) + ")"));
  }

  private static ImagePullBehavior imagePullBehavior(String value) throws InvalidValue {
    return ImagePullBehavior.fromConfigValue(value).orElseThrow(() -> new InvalidValue("not an image pull behavior (use one of "
        + String.join(", ", Arrays.stream(ImagePullBehavior.values()).map(ImagePullBehavior::configValue).toList())
        + ")"));
  }

  private static Path absolutePath(String value) throws InvalidValue {
    Path path;
    try {
      path = Path.of(value);
    } catch (InvalidPathException e) {
      throw new InvalidValue("not a valid path");
    }
    // The agent runs as a service from /, where a relative path would surprise.
    if (!path.isAbsolute()) {
      throw new InvalidValue("must be an absolute path");
    }
    return path;
  }

  private static String regionName(String value) throws InvalidValue {
    if (REGION.matcher(value).matches()) {
      return value;
    }
    throw new InvalidValue("not an AWS Region name such as us-east-1");
  }

  /** A whole number in {@code [min, max]}, decimal digits only (as Go's {@code strconv.ParseUint}). */
  private static int wholeNumber(String value, int min, int max, String expected) throws InvalidValue {
    if (DIGITS.matcher(value).matches()) {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    }
    throw new InvalidValue(expected);
  }

  private static int listenerPort(String value) throws InvalidValue {
    return wholeNumber(value, 0, 65535, "not a port number (1-65535, or 0 to disable the listener)");
  }

  private static int memoryMiB(String value) throws InvalidValue {
    return wholeNumber(value, 0, 65535, "not a whole number of MiB from 0 to 65535");
  }

  private static List<Integer> portList(String value) throws InvalidValue {
    String expected = "a JSON array of port numbers 1-65535, such as [22, 2375]";
    JsonNode array = json(value, expected);
    if (!array.isArray()) {
      throw new InvalidValue("not " + expected);
    }
    Set<Integer> ports = new LinkedHashSet<>(); // a repeated port means nothing more; drop it
    for (JsonNode element : array) {
      if (!element.isIntegralNumber() || !element.canConvertToInt()
          || element.intValue() < 1 || element.intValue() > 65535) {
        throw new InvalidValue(element + " is not a port number (1-65535); expected " + expected);
      }
      ports.add(element.intValue());
    }
    return List.copyOf(ports);
  }

  private static List<String> loggingDrivers(String value) throws InvalidValue {
    String expected = "a JSON array of logging driver names, such as [\"json-file\",\"awslogs\"]";
    JsonNode array = json(value, expected);
    if (!array.isArray()) {
      throw new InvalidValue("not " + expected);
    }
    Set<String> drivers = new LinkedHashSet<>();
    for (JsonNode element : array) {
      if (!element.isTextual() || !LOGGING_DRIVER.matcher(element.textValue()).matches()) {
        throw new InvalidValue(element + " is not a logging driver name (letters, digits, and . _ / -); expected "
            + expected);
      }
      drivers.add(element.textValue());
    }
    return List.copyOf(drivers);
  }

  private static Map<String, String> instanceAttributes(String value) throws InvalidValue {
    String expected = "a JSON object of attribute names to string values, such as {\"stack\":\"prod\"}";
    JsonNode object = json(value, expected);
    if (!object.isObject()) {
      throw new InvalidValue("not " + expected);
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    List<String> wrong = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode attributeValue = field.getValue();
      if (!ATTRIBUTE_NAME.matcher(name).matches()) {
        wrong.add("attribute name " + quote(name)
            + " must be 1-128 letters, digits, and - _ / \\ .");
      } else if (!attributeValue.isTextual()) {
        wrong.add("attribute " + name + " must have a string value, not " + attributeValue);
      } else if (!ATTRIBUTE_VALUE.matcher(attributeValue.textValue()).matches()
          || attributeValue.textValue().startsWith(" ") || attributeValue.textValue().endsWith(" ")) {
        wrong.add("attribute " + name + " value " + quote(attributeValue.textValue())
            + " must be 1-128 letters, digits, spaces, and - _ . @ / \\ : (no space at either end)");
      } else {
        attributes.put(name, attributeValue.textValue());
      }
    }
    if (object.size() > MAX_CUSTOM_ATTRIBUTES) {
      wrong.add(object.size() + " attributes; ECS accepts at most " + MAX_CUSTOM_ATTRIBUTES
          + " custom attributes per container instance");
    }
    if (!wrong.isEmpty()) {
      throw new InvalidValue(String.join("; ", wrong));
    }
    return attributes;
  }

  private static URI dockerHost(String value) throws InvalidValue {
    String expected = " (use unix:///path/to/docker.sock or tcp://host:port)";
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidValue("not a URI" + expected);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
      throw new InvalidValue("must not have user info, a query or a fragment" + expected);
    }
    switch (scheme) {
      case "unix" -> {
        // unix://var/run/docker.sock (two slashes) would make "var" a host name.
        if (uri.getRawAuthority() != null || uri.getPath() == null || !uri.getPath().startsWith("/")
            || uri.getPath().length() < 2) {
          throw new InvalidValue("a unix socket needs an absolute path, as in unix:///var/run/docker.sock");
        }
        return uri;
      }
      case "tcp" -> {
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
          throw new InvalidValue("a tcp address needs a host and a port" + expected);
        }
        if (!uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
          throw new InvalidValue("must not have a path" + expected);
        }
        return uri(scheme, uri.getHost(), uri.getPort());
      }
      default -> throw new InvalidValue("unsupported scheme" + expected);
    }
  }

  /** {@code https://host[:port]}; a bare {@code host[:port]} means https, as the ECS API is only served over TLS. */
  private static URI backendHost(String value) throws InvalidValue {
    return httpEndpoint(value.contains("://") ? value : "https://" + value,
        " (use https://host[:port], http://host[:port] or host[:port])");
  }

  private static URI metadataEndpoint(String value) throws InvalidValue {
    return httpEndpoint(value, " (use http://host[:port], e.g. http://169.254.169.254 or http://[fd00:ec2::254])");
  }

  private static URI httpEndpoint(String value, String expected) throws InvalidValue {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidValue("not a URL" + expected);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new InvalidValue("not an http or https URL" + expected);
    }
    if (uri.getHost() == null) {
      throw new InvalidValue("no valid host name" + expected);
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new InvalidValue("port out of range" + expected);
    }
    if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null
        || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
      throw new InvalidValue("must be just a scheme, host and port" + expected);
    }
    return uri(scheme, uri.getHost(), uri.getPort());
  }

  private static URI uri(String scheme, String host, int port) throws InvalidValue {
    try {
      return new URI(scheme, null, host, port, null, null, null);
    } catch (URISyntaxException e) {
      throw new InvalidValue("not a valid address");
    }
  }

  private static JsonNode json(String value, String expected) throws InvalidValue {
    try {
      return JSON.readTree(value);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? "" : " at character " + e.getLocation().getColumnNr();
      throw new InvalidValue("not valid JSON" + at + "; expected " + expected);
    }
  }

  /** The value in double quotes, escaped and shortened so that a log line shows it unambiguously. */
  static String quote(String value) {
    String shown = value.length() > MAX_SHOWN_VALUE ? value.substring(0, MAX_SHOWN_VALUE) + "..." : value;
    StringBuilder out = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
