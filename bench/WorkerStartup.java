import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Worker JVM start-up, idle memory and shut-down of the processes mode, with and without the start-up
 * optimizations, side by side in one run. For each variant, a pool of 1 and of N workers is started
 * (timed from ActorLab.start() until every worker JVM has joined the cluster, is Up and has registered
 * its worker with the coordinator); after 2 s idle, the largest worker's resident set size (RSS) and
 * its private dirty memory (Private_Dirty: pages only this process has written, such as its heap, code
 * cache and the metadata it relocated or changed: what one more worker costs; the rest of the RSS is
 * clean file pages, libjvm and the class data archive, which every worker JVM maps and shares) are
 * read; then the pool is closed (timed until close() returns, which is once every worker JVM has
 * exited).
 * Variants run interleaved, rounds repeated, medians reported.
 *
 * <p>The coordinator's own actor system starts inside the measured time too; after the warm-up round it
 * is warm in this JVM (~0.1-0.3 s), so the figure is dominated by the worker JVMs.
 *
 * <p>The first pool of the run with class data sharing on writes the archive (when none exists for
 * this JDK and jar yet), so the warm-up round pays for it and the measured rounds use it.
 *
 * <p>Run: {@code bench/run WorkerStartup [rounds=5] [workers=2] [variants=all]}, variants as a
 * comma-separated list of the names below (e.g. {@code defaults,eager-c2}).
 */
public final class WorkerStartup {

  /** A variant: settings layered over the processes mode. */
  private record Variant(String name, Map<String, Object> settings) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    System.out.printf(
        "%d rounds (+1 warm-up), 1 and %d workers, Java %s, %d cores%n",
        rounds, workers, Runtime.version(), Runtime.getRuntime().availableProcessors());
    List<Variant> variants = variants();
    if (args.length > 2) {
      List<String> chosen = List.of(args[2].split(","));
      variants = variants.stream().filter(variant -> chosen.contains(variant.name())).toList();
      if (variants.size() != chosen.size()) {
        throw new IllegalArgumentException(
            "unknown variant in " + chosen + "; known: " + variants().stream().map(Variant::name).toList());
      }
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (int round = 0; round <= rounds; round++) {
      StringBuilder line = new StringBuilder("round " + round + ":");
      for (Variant variant : variants) {
        for (int count : workers == 1 ? List.of(1) : List.of(1, workers)) {
          ActorLab lab = ActorLab.mode("processes").workers(count);
          variant.settings().forEach(lab::set);
          String key = variant.name() + " x" + count;
          long start = System.nanoTime();
          WorkerPool pool = lab.start();
          List<ProcessHandle> children;
          try {
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(2_000); // idle: let start-up garbage and JIT threads settle
            children = ProcessHandle.current().children().toList();
            record(series, round, key + " start s", seconds, line);
            record(series, round, key + " idle worker RSS MB", largest(children, "Rss"), line);
            record(
                series,
                round,
                key + " idle worker private dirty MB",
                largest(children, "Private_Dirty"),
                line);
          } finally {
            start = System.nanoTime();
            pool.close();
          }
          if (children.stream().anyMatch(ProcessHandle::isAlive)) {
            throw new IllegalStateException("a worker JVM outlived its pool's close()");
          }
          record(series, round, key + " close s", (System.nanoTime() - start) / 1e9, line);
        }
      }
      System.out.println(line);
    }
    System.out.println();
    series.forEach(
        (name, values) ->
            System.out.printf(
                "%-48s median %7.2f  (min %.2f, max %.2f)%n",
                name,
                median(values),
                values.stream().mapToDouble(Double::doubleValue).min().getAsDouble(),
                values.stream().mapToDouble(Double::doubleValue).max().getAsDouble()));
  }

  /**
   * The defaults; the defaults without class data sharing; the options before the start-up work
   * (no -Xms16m, no class data sharing); the defaults with the class data archive mapped at a fixed
   * address (faster, and its pages stay shared, but it gives up address space randomization of the
   * archive, so it is not a default); the defaults with the C1 compiler only, which starts faster but
   * computes slower (so it is not a default either); the defaults with HotSpot's own C2 thresholds
   * instead of actorlab's 4x ones (the defaults before that change); and the leanest options found,
   * to show the floor.
   */
  private static List<Variant> variants() {
    String sharing = "actorlab.cluster.class-data-sharing";
    return List.of(
        new Variant("defaults", Map.of()),
        new Variant("no-cds", Map.of(sharing, false)),
        new Variant(
            "before",
            Map.of(sharing, false, WORKER_OPTIONS, List.of("-Xmx512m", "-XX:+UseSerialGC", "-Xss512k"))),
        new Variant("fixed-archive", Map.of(WORKER_OPTIONS, withDefaults(FIXED_ARCHIVE))),
        new Variant("c1-only", Map.of(WORKER_OPTIONS, withDefaults(List.of("-XX:TieredStopAtLevel=1")))),
        new Variant(
            "eager-c2",
            Map.of(WORKER_OPTIONS, List.of("-Xms16m", "-Xmx512m", "-XX:+UseSerialGC", "-Xss512k"))),
        new Variant(
            "leanest",
            Map.of(
                WORKER_OPTIONS,
                concat(
                    List.of("-Xms8m", "-Xmx512m", "-XX:+UseSerialGC", "-Xss256k"),
                    FIXED_ARCHIVE,
                    List.of(
                        "-XX:TieredStopAtLevel=1",
                        "-XX:CICompilerCount=1",
                        "-XX:ReservedCodeCacheSize=24m",
                        "-XX:-UsePerfData")))));
  }

  private static final String WORKER_OPTIONS = "actorlab.cluster.worker-jvm-options";

  private static final List<String> FIXED_ARCHIVE =
      List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");

  /** The default worker options followed by {@code extra}. */
  private static List<String> withDefaults(List<String> extra) {
    return concat(ActorLab.mode("processes").config().getStringList(WORKER_OPTIONS), extra);
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  /** The largest of these processes' {@code field} of /proc/PID/smaps_rollup, in MiB. */
  private static double largest(List<ProcessHandle> processes, String field) {
    return processes.stream().mapToDouble(process -> megabytes(process, field)).max().orElse(0);
  }

  /** A field of a process's /proc/PID/smaps_rollup now (Linux), in MiB; 0 once it has exited. */
  private static double megabytes(ProcessHandle process, String field) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "smaps_rollup"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      // exited meanwhile
    }
    return 0;
  }

  private static void record(
      Map<String, List<Double>> series, int round, String name, double value, StringBuilder line) {
    line.append(String.format("  %s %.2f", name, value));
    if (round > 0) {
      series.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
