package org.ecsagent.agent.endpoints;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ecsagent.metadata.server.Response;
import org.ecsagent.metadata.server.Router;
import org.ecsagent.metadata.server.Routes;

/** {@code GET /metrics}: the agent's counters and gauges in the Prometheus text format (port 51680). */
public final class MetricsRoutes implements Routes {
  private final MetricRegistry metrics;

  public MetricsRoutes(MetricRegistry metrics) {
    this.metrics = metrics;
  }

  @Override
  public void register(Router router) {
    router.get("/metrics", r -> new Response(200, Map.of("Content-Type", "text/plain; version=0.0.4"),
        render().getBytes(StandardCharsets.UTF_8)));
  }

  String render() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Counter> e : metrics.getCounters().entrySet()) {
      String name = name(e.getKey()) + "_total";
      out.append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(e.getValue().getCount())
          .append('\n');
    }
    for (@SuppressWarnings("rawtypes") Map.Entry<String, Gauge> e : metrics.getGauges().entrySet()) {
      if (e.getValue().getValue() instanceof Number n) {
        String name = name(e.getKey());
        out.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(n).append('\n');
      }
    }
    return out.toString();
  }

  private static String name(String dropwizardName) {
    return "ecs_agent_" + dropwizardName.replaceAll("[^a-zA-Z0-9_]", "_");
  }
}
