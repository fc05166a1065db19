// Measures what polling container stats costs Docker: dockerd, containerd and the containerd
// shims' CPU over a window with no stats calls, then with the agent's StatsPoller polling every
// container, then (with --streaming) with one open `docker stats` stream per container, as the
// original agent once did. Run by ./run, which starts and removes the containers.
//
//   java -cp agent/target/ecs-agent.jar bench/stats-100-containers/StatsBench.java \
//       --ids FILE [--seconds 60] [--interval 10s] [--docker unix:///var/run/docker.sock] [--streaming]

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.ecsagent.agent.stats.StatsPoller;

public class StatsBench {
  private static final double TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86-64

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Set<String> ids = Set.copyOf(Files.readAllLines(Path.of(options.get("--ids"))).stream()
        .map(String::strip).filter(line -> !line.isEmpty()).toList());
    Duration window = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--seconds", "60")));
    Duration interval = Duration.parse("PT" + options.getOrDefault("--interval", "10s").toUpperCase());
    URI docker = URI.create(options.getOrDefault("--docker", "unix:///var/run/docker.sock"));

    System.out.printf("setup containers %d%n", ids.size());
    System.out.printf("setup window_seconds %d%n", window.toSeconds());
    System.out.printf("setup poll_interval_seconds %d%n", interval.toSeconds());

    report("idle", measure(window));

    long jvmBefore = jvmCpuMillis();
    StatsPoller poller = StatsPoller.start(docker, interval, () -> ids);
    Map<String, Double> polling;
    try {
      polling = measure(window);
    } finally {
      poller.close();
    }
    report("polling", polling);
    System.out.printf("polling stats_calls %d%n", poller.polls());
    System.out.printf("polling stats_failures %d%n", poller.failures());
    System.out.printf("polling poller_jvm_cpu_percent %.2f%n",
        100.0 * (jvmCpuMillis() - jvmBefore) / window.toMillis());

    if (options.containsKey("--streaming")) {
      streaming(docker, ids, window);
    }
  }

  /** One open stats stream per container, as the original agent did before it switched to polling. */
  private static void streaming(URI docker, Set<String> ids, Duration window) throws Exception {
    var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(docker.toString()).build();
    DockerClient client = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost()).maxConnections(ids.size() + 10).build());
    AtomicLong frames = new AtomicLong();
    List<ResultCallback.Adapter<Statistics>> streams = new ArrayList<>();
    try {
      for (String id : ids) {
        streams.add(client.statsCmd(id).exec(new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Statistics statistics) {
            frames.incrementAndGet();
          }
        }));
      }
      report("streaming", measure(window));
      System.out.printf("streaming stats_frames %d%n", frames.get());
    } finally {
      for (var stream : streams) {
        stream.close();
      }
      client.close();
    }
  }

  private static void report(String phase, Map<String, Double> cpu) {
    cpu.forEach((who, percent) -> System.out.printf("%s %s_cpu_percent %.2f%n", phase, who, percent));
  }

  /** CPU used over the window by dockerd, containerd and the shims, in percent of one core. */
  private static Map<String, Double> measure(Duration window) throws IOException, InterruptedException {
    Map<String, List<Long>> pids = daemons();
    Map<String, Long> before = ticks(pids);
    long start = System.nanoTime();
    Thread.sleep(window.toMillis());
    Map<String, Long> after = ticks(pids);
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Double> percent = new LinkedHashMap<>();
    double total = 0;
    for (String who : pids.keySet()) {
      double p = 100.0 * (after.get(who) - before.get(who)) / TICKS_PER_SECOND / seconds;
      percent.put(who, p);
      total += p;
    }
    percent.put("dockerd_containerd_shims_total", total);
    return percent;
  }

  private static Map<String, List<Long>> daemons() throws IOException {
    Map<String, List<Long>> pids = new LinkedHashMap<>();
    pids.put("dockerd", new ArrayList<>());
    pids.put("containerd", new ArrayList<>());
    pids.put("containerd_shims", new ArrayList<>());
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String comm;
        try {
          comm = Files.readString(proc.resolve("comm")).strip();
        } catch (IOException gone) {
          continue;
        }
        long pid = Long.parseLong(proc.getFileName().toString());
        if (comm.equals("dockerd")) {
          pids.get("dockerd").add(pid);
        } else if (comm.equals("containerd")) {
          pids.get("containerd").add(pid);
        } else if (comm.startsWith("containerd-shim")) {
          pids.get("containerd_shims").add(pid);
        }
      }
    }
    return pids;
  }

  private static Map<String, Long> ticks(Map<String, List<Long>> pids) {
    Map<String, Long> ticks = new LinkedHashMap<>();
    pids.forEach((who, list) -> ticks.put(who, list.stream().mapToLong(StatsBench::ticksOf).sum()));
    return ticks;
  }

  /** utime + stime from /proc/<pid>/stat (fields 14 and 15, counted after the command's closing parenthesis). */
  private static long ticksOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  private static long jvmCpuMillis() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--streaming")) {
        options.put(args[i], "true");
      } else if (i + 1 < args.length) {
        options.put(args[i], args[++i]);
      }
    }
    if (!options.containsKey("--ids")) {
      throw new IllegalArgumentException("usage: StatsBench --ids FILE [--seconds 60] [--interval 10s] [--streaming]");
    }
    return options;
  }
}
