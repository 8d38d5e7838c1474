import com.typesafe.config.ConfigFactory;
import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.pekko.Version;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

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
 * <p>Three more rows, measured the same way in the same rounds, show the floor under a worker: a JVM
 * that loads nothing ({@code jvm}), and a bare Pekko Cluster node without actorlab, with the default
 * worker options ({@code pekko-node}) and the leanest ({@code pekko-node-leanest}); see {@link Floor}.
 *
 * <p>The coordinator's own actor system starts inside the measured time too; after the warm-up round it
 * is warm in this JVM (~0.1-0.3 s), so the figure is dominated by the worker JVMs.
 *
 * <p>The first pool of the run with class data sharing on writes the archive (when none exists for
 * this JDK and jar yet), so the warm-up round pays for it and the measured rounds use it.
 *
 * <p>Run: {@code bench/run WorkerStartup [rounds=5] [workers=2] [variants=all]}, variants as a
 * comma-separated list of the names below (e.g. {@code defaults,eager-c2} or {@code
 * pekko-node,defaults}).
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
    List<String> floors = Floor.NAMES;
    if (args.length > 2) {
      List<String> chosen = List.of(args[2].split(","));
      variants = variants.stream().filter(variant -> chosen.contains(variant.name())).toList();
      floors = floors.stream().filter(chosen::contains).toList();
      if (variants.size() + floors.size() != chosen.size()) {
        List<String> known = new ArrayList<>(Floor.NAMES);
        variants().forEach(variant -> known.add(variant.name()));
        throw new IllegalArgumentException("unknown variant in " + chosen + "; known: " + known);
      }
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    try (Floor floor = floors.isEmpty() ? null : Floor.start()) {
      for (int round = 0; round <= rounds; round++) {
        StringBuilder line = new StringBuilder("round " + round + ":");
        for (String name : floors) {
          floor.measure(name, round, series, line);
        }
        for (Variant variant : variants) {
          for (int count : workers == 1 ? List.of(1) : List.of(1, workers)) {
            measure(variant, count, round, series, line);
          }
        }
        System.out.println(line);
      }
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

  /** Starts a pool of {@code count} workers with the variant's settings, measures it and closes it. */
  private static void measure(
      Variant variant, int count, int round, Map<String, List<Double>> series, StringBuilder line)
      throws Exception {
    ActorLab lab = ActorLab.mode("processes").workers(count);
    variant.settings().forEach(lab::set);
    String key = variant.name() + " x" + count;
    List<ProcessHandle> before = ProcessHandle.current().children().toList();
    long start = System.nanoTime();
    WorkerPool pool = lab.start();
    List<ProcessHandle> children;
    try {
      double seconds = (System.nanoTime() - start) / 1e9;
      Thread.sleep(2_000); // idle: let start-up garbage and JIT threads settle
      children = ProcessHandle.current().children().filter(child -> !before.contains(child)).toList();
      record(series, round, key + " start s", seconds, line);
      record(series, round, key + " idle worker RSS MB", largest(children, "Rss"), line);
      record(
          series, round, key + " idle worker private dirty MB", largest(children, "Private_Dirty"), line);
    } finally {
      start = System.nanoTime();
      pool.close();
    }
    if (children.stream().anyMatch(ProcessHandle::isAlive)) {
      throw new IllegalStateException("a worker JVM outlived its pool's close()");
    }
    record(series, round, key + " close s", (System.nanoTime() - start) / 1e9, line);
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
        new Variant("leanest", Map.of(WORKER_OPTIONS, LEANEST)));
  }

  private static final String WORKER_OPTIONS = "actorlab.cluster.worker-jvm-options";

  private static final List<String> FIXED_ARCHIVE =
      List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");

  /** The leanest worker JVM options found. */
  private static final List<String> LEANEST =
      concat(
          List.of("-Xms8m", "-Xmx512m", "-XX:+UseSerialGC", "-Xss256k"),
          FIXED_ARCHIVE,
          List.of(
              "-XX:TieredStopAtLevel=1",
              "-XX:CICompilerCount=1",
              "-XX:ReservedCodeCacheSize=24m",
              "-XX:-UsePerfData"));

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

  /**
   * The floor under a worker, measured like the pools' workers in the same rounds, with the default
   * worker JVM options: {@code jvm}, a JVM that loads nothing beyond its main class and waits;
   * {@code pekko-node}, a bare Pekko Cluster node: Pekko Cluster Typed and its own dependencies only (no
   * actorlab, Kryo or Logback on its class path), Pekko's reference settings except loopback, a free port
   * and no JMX, an empty guardian, joined to a second bare node (the seed, started once) as a worker joins
   * its coordinator, and mapping a class data archive of its own, written by a first node that joined and
   * left; and {@code pekko-node-leanest}, the same node with the leanest worker options found. Its class
   * path is resolved with Maven from the Pekko and Scala versions in actorlab's jar.
   */
  private static final class Floor implements AutoCloseable {

    static final List<String> NAMES = List.of("jvm", "pekko-node", "pekko-node-leanest");

    private final Path jar;
    private final String classPath;
    private final List<String> options;
    private final Path archive;
    private final NodeProcess seed;

    private Floor(Path jar, String classPath, List<String> options, Path archive, NodeProcess seed) {
      this.jar = jar;
      this.classPath = classPath;
      this.options = options;
      this.archive = archive;
      this.seed = seed;
    }

    static Floor start() throws Exception {
      Path dir = Files.createDirectories(Path.of("target", "bench", "pekko-node"));
      Path jar = writeNodeJar(dir);
      String classPath = pekkoClassPath(dir) + java.io.File.pathSeparator + jar;
      List<String> options = ActorLab.mode("processes").config().getStringList(WORKER_OPTIONS);
      NodeProcess seed = NodeProcess.start(dir, "seed", options, classPath, List.of("seed"));
      try {
        Path archive = dir.resolve("pekko-node.jsa");
        Files.deleteIfExists(archive);
        List<String> training = new ArrayList<>(options);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        try (NodeProcess node =
            NodeProcess.start(dir, "training", training, classPath, List.of("join", seed.address))) {
          // joins, is Up, leaves and exits: the archive is written at its exit
        }
        if (!Files.exists(archive)) {
          throw new IllegalStateException(
              "the training node wrote no class data archive; see " + dir.resolve("training.log"));
        }
        return new Floor(jar, classPath, options, archive, seed);
      } catch (Exception | Error e) {
        seed.close();
        throw e;
      }
    }

    void measure(String name, int round, Map<String, List<Double>> series, StringBuilder line)
        throws Exception {
      boolean jvm = name.equals("jvm");
      List<String> nodeOptions = new ArrayList<>(name.endsWith("-leanest") ? LEANEST : options);
      if (!jvm) {
        nodeOptions.add("-XX:SharedArchiveFile=" + archive);
      }
      long start = System.nanoTime();
      try (NodeProcess node =
          NodeProcess.start(
              jar.getParent(),
              name,
              nodeOptions,
              jvm ? jar.toString() : classPath,
              jvm ? List.of("jvm") : List.of("join", seed.address))) {
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2_000); // idle, as the pools' workers
        String key = name + " x1";
        record(series, round, key + " start s", seconds, line);
        record(series, round, key + " idle worker RSS MB", largest(List.of(node.handle()), "Rss"), line);
        record(
            series,
            round,
            key + " idle worker private dirty MB",
            largest(List.of(node.handle()), "Private_Dirty"),
            line);
      }
    }

    @Override
    public void close() throws Exception {
      seed.close();
    }

    /** A jar of {@link Node}, the one class the bare JVMs run besides Pekko's. */
    private static Path writeNodeJar(Path dir) throws IOException {
      String entry = Node.class.getName().replace('.', '/') + ".class";
      Path jar = dir.resolve("node.jar");
      try (InputStream in = Node.class.getClassLoader().getResourceAsStream(entry);
          JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        out.putNextEntry(new JarEntry(entry));
        in.transferTo(out);
      }
      return jar;
    }

    /** Pekko Cluster Typed's class path at the Pekko and Scala versions of actorlab's jar, by Maven. */
    private static String pekkoClassPath(Path dir) throws Exception {
      String scalaBinary = scala.util.Properties.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1");
      Files.writeString(
          dir.resolve("pom.xml"),
          """
          <project xmlns="http://maven.apache.org/POM/4.0.0">
            <modelVersion>4.0.0</modelVersion>
            <groupId>bench</groupId>
            <artifactId>pekko-node</artifactId>
            <version>1</version>
            <dependencies>
              <dependency>
                <groupId>org.apache.pekko</groupId>
                <artifactId>pekko-cluster-typed_%s</artifactId>
                <version>%s</version>
              </dependency>
            </dependencies>
          </project>
          """
              .formatted(scalaBinary, Version.current()));
      Path output = dir.resolve("classpath.txt");
      Path log = dir.resolve("maven.log");
      Process maven =
          new ProcessBuilder(
                  "mvn", "-q", "-B", "-f", dir.resolve("pom.xml").toString(),
                  "dependency:build-classpath", "-Dmdep.outputFile=" + output)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!maven.waitFor(5, TimeUnit.MINUTES)) {
        maven.destroyForcibly().waitFor();
        throw new IllegalStateException("Maven did not resolve Pekko's class path within 5 minutes");
      }
      if (maven.exitValue() != 0 || !Files.exists(output)) {
        throw new IllegalStateException(
            "Maven could not resolve Pekko's class path (exit " + maven.exitValue() + "); see " + log);
      }
      return Files.readString(output).strip();
    }
  }

  /**
   * A JVM running {@link Node}: its standard output is read for the line that says it is up, its
   * standard error goes to {@code NAME.log}; closing it closes the JVM's standard input, which stops
   * it (and so does this JVM's exit), and waits for it to exit.
   */
  private record NodeProcess(Process process, String address) implements AutoCloseable {

    static NodeProcess start(
        Path dir, String name, List<String> options, String classPath, List<String> arguments)
        throws Exception {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(options);
      command.addAll(List.of("-cp", classPath, Node.class.getName()));
      command.addAll(arguments);
      Path log = dir.resolve(name + ".log");
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      CompletableFuture<String> up = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String text = out.readLine(); text != null; text = out.readLine()) {
                    if (text.startsWith("up")) {
                      up.complete(text.substring(2).strip());
                    }
                  }
                } catch (IOException e) {
                  // the JVM is gone
                }
                up.completeExceptionally(new IllegalStateException("exited before it was up"));
              });
      reader.setDaemon(true);
      reader.start();
      try {
        return new NodeProcess(process, up.get(60, TimeUnit.SECONDS));
      } catch (Exception e) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(name + " JVM not up within 60 s; see " + log, e);
      }
    }

    ProcessHandle handle() {
      return process.toHandle();
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("a bare JVM did not stop within 30 s of its input's end");
      }
    }
  }

  /**
   * The main class of the bare JVMs, on a class path without actorlab: {@code jvm} says it is up and
   * waits; {@code seed} and {@code join ADDRESS} start a bare Pekko Cluster node, join it to itself or
   * to ADDRESS, say they are up once it is Up, and leave the cluster and exit when their standard input
   * ends.
   */
  public static final class Node {

    public static void main(String[] args) throws Exception {
      if (args[0].equals("jvm")) {
        System.out.println("up");
        System.in.readAllBytes();
        return;
      }
      ActorSystem<Void> system =
          ActorSystem.create(
              Behaviors.empty(),
              "bare",
              ConfigFactory.parseString(
                  String.join(
                      "\n",
                      "pekko.actor.provider = cluster",
                      "pekko.remote.artery.canonical.hostname = 127.0.0.1",
                      "pekko.remote.artery.canonical.port = 0",
                      "pekko.cluster.jmx.enabled = off",
                      "pekko.loglevel = WARNING",
                      "pekko.stdout-loglevel = WARNING")));
      Cluster cluster = Cluster.get(system);
      Address seed =
          args[0].equals("seed") ? cluster.selfMember().address() : AddressFromURIString.parse(args[1]);
      cluster.manager().tell(Join.create(seed));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!cluster.selfMember().status().equals(MemberStatus.up())) {
        if (System.nanoTime() > deadline) {
          System.err.println("not Up within 60 s of joining " + seed);
          System.exit(1);
        }
        Thread.sleep(10);
      }
      System.out.println("up " + cluster.selfMember().address());
      System.in.readAllBytes();
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
      System.exit(0);
    }
  }
}
