package org.ecsagent.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What v3 and v4 answer differently on the same {@link EndpointIdRoutes}: the original agent's
 * status codes and handler names per version, kept word for word because users match on them, and
 * the shape of a stats body.
 *
 * @param name the path segment and the handler names' prefix: {@code v3} gives {@code /v3/<id>}
 *     and {@code "V3 task metadata handler: ..."}
 * @param unknownContainerStatus {@code /<id>} of an unknown ID
 * @param unknownTaskStatus {@code /task} and {@code /taskWithTags} of an unknown ID
 * @param unknownStatsStatus {@code /stats} and {@code /task/stats} of an unknown ID, and
 *     {@code /stats} of a container Docker has not created yet
 * @param noStatsStatus {@code /stats} of a container with no stats collected yet
 * @param statsBody one container's stats as this version serves them
 * @param noStatsInTask a container with no stats collected yet, in {@code /task/stats}
 */
record EndpointIdVersion(
    String name,
    int unknownContainerStatus,
    int unknownTaskStatus,
    int unknownStatsStatus,
    int noStatsStatus,
    Function<ContainerStats, JsonNode> statsBody,
    Supplier<JsonNode> noStatsInTask) {

  /**
   * {@code ECS_CONTAINER_METADATA_URI}: the same records as v4 (v4 only adds fields) and the Docker
   * stats without v4's network rates. An unknown ID is a 400, except 500 (sic) for the task: the
   * original answers so and clients written against it expect that. A container with no stats
   * collected is a 400, and {@code null} in {@code /task/stats}. Unlike the original's v3, a tag
   * lookup that fails is reported in {@code Errors}, as in v4.
   */
  static final EndpointIdVersion V3 =
      new EndpointIdVersion("v3", 400, 500, 400, 400, ContainerStats::dockerJson, () -> null);

  /**
   * {@code ECS_CONTAINER_METADATA_URI_V4}: an unknown ID is a 404; {@code /stats} of a container
   * with no stats collected is a 500, and it is {@code {}} in {@code /task/stats}, so one missing
   * sample never fails the whole answer; stats add the network rates.
   */
  static final EndpointIdVersion V4 = new EndpointIdVersion(
      "v4", 404, 404, 404, 500, ContainerStats::v4Json, JsonNodeFactory.instance::objectNode);

  /** The original's name for one of this version's handlers, e.g. {@code "V4 task stats handler"}. */
  String handler(String what) {
    return name.toUpperCase(Locale.ROOT) + " " + what + " handler";
  }
}
