package io.actorlab.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Starts worker JVMs and makes sure none outlives its run. Each worker runs with the same {@code java}
 * and class path as this JVM, plus the extra entries it is given (so a user's task classes are there,
 * whether on this JVM's class path or loaded from {@code --jar}), writes its output to its own file in
 * the run's log folder, and reads its standard input until this JVM goes away, by whatever means, even
 * {@code kill -9}: then it exits by itself. A run's workers ({@link #launchWorker}) may start before
 * the coordinator's actor system: they read the coordinator's address from that same pipe once it is
 * {@link #announce announced}. {@link #close()} and a shutdown hook (Ctrl-C) stop every worker still running,
 * gently first, then by force.
 */
public final class NodeLauncher implements AutoCloseable {

  /** The entry point of a node started by hand: the command line's {@code node} command. */
  private static final String NODE_MAIN = "io.actorlab.cli.Main";

  /** System properties passed on to workers, so that -D settings apply to every JVM of a run. */
  private static final List<String> FORWARDED_PREFIXES =
      List.of("actorlab.", "pekko.", "logback.", "config.");

  private static final int TAIL_LINES = 25;

  /** How long run folders under the temporary folder are kept (log-dir = ""). */
  static final Duration DEFAULT_LOGS_KEPT_FOR = Duration.ofDays(7);

  /** Numbers this JVM's runs. */
  private static final AtomicLong RUNS = new AtomicLong();

  /**
   * How much longer {@link #stop} waits for a worker that writes the class data archive as it exits
   * (a few seconds; more on a busy machine), so it is not killed halfway and the work lost.
   */
  private static final Duration ARCHIVE_GRACE = Duration.ofSeconds(30);

  /** A worker JVM the launcher started. */
  public record Node(String name, Process process, Path log) {

    /** The last lines the worker wrote, for error messages. */
    public String tail() {
      return NodeLauncher.tail(log);
    }
  }

  /** The last lines of a node's output file, for error messages. */
  public static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(), lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private final Path logDir;
  private final String classPath;
  private final ClassDataSharing classData;
  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  private final Set<Node> archiving = ConcurrentHashMap.newKeySet();
  private final Thread shutdownHook;
  private volatile boolean closing;
  private final List<Node> workers = new CopyOnWriteArrayList<>();
  private volatile Consumer<Node> onWorkerExit = node -> {};
  private volatile String coordinator;

  private NodeLauncher(Path logDir, String classPath, ClassDataSharing classData) {
    this.logDir = logDir;
    this.classPath = classPath;
    this.classData = classData;
    this.shutdownHook = new Thread(this::killAll, "actorlab-kill-workers");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * A launcher as {@code cluster} says: workers log into its {@code log-dir}, or into a new folder under
   * the temporary folder when that is empty; their class path is this JVM's and then its {@code
   * extra-class-path}; they share a class data archive when {@code class-data-sharing} is on.
   */
  public static NodeLauncher create(ClusterSettings cluster) {
    String logDir = cluster.logDir();
    // Pools started in the same second by one JVM get folders of their own.
    String run =
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
            + "-"
            + ProcessHandle.current().pid()
            + "-"
            + RUNS.incrementAndGet();
    Path runs =
        logDir.isEmpty()
            ? Paths.get(System.getProperty("java.io.tmpdir"), "actorlab-runs")
            : Paths.get(logDir);
    Path dir = runs.resolve(run);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the log folder " + dir, e);
    }
    if (logDir.isEmpty()) {
      // Off the start's path: the folder may hold thousands of runs.
      Instant before = Instant.now().minus(DEFAULT_LOGS_KEPT_FOR);
      Thread sweep = new Thread(() -> deleteRunsOlderThan(runs, before), "actorlab-old-runs-sweep");
      sweep.setDaemon(true);
      sweep.start();
    }
    List<String> entries = new ArrayList<>();
    entries.add(System.getProperty("java.class.path"));
    entries.addAll(cluster.extraClassPath());
    String classPath = String.join(File.pathSeparator, entries);
    return new NodeLauncher(
        dir,
        classPath,
        cluster.classDataSharing()
            ? ClassDataSharing.in(cluster.classDataDir(), classPath)
            : ClassDataSharing.OFF);
  }

  /**
   * Deletes the run folders in {@code runs} that nothing has written to since {@code before}: under
   * the temporary folder, one per run would otherwise pile up. Best effort: a folder that cannot be
   * deleted now is tried again by the next run.
   */
  static void deleteRunsOlderThan(Path runs, Instant before) {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(runs, Files::isDirectory)) {
      for (Path folder : folders) {
        try {
          deleteIfNotWrittenSince(folder, before);
        } catch (IOException | UncheckedIOException e) {
          // Another user's folder, or one another run is deleting at the same time: on to the next.
        }
      }
    } catch (IOException e) {
      // The folder of runs cannot be listed: nothing to sweep.
    }
  }

  private static void deleteIfNotWrittenSince(Path folder, Instant before) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.sorted(Comparator.reverseOrder()).toList(); // files before their folder
    }
    for (Path file : files) {
      if (!Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
        return;
      }
    }
    for (Path file : files) {
      Files.deleteIfExists(file);
    }
  }

  /** The folder with the workers' output. */
  public Path logDir() {
    return logDir;
  }

  /**
   * Writes the configuration every worker of the run starts with: the {@code actorlab} section of this
   * JVM's resolved configuration, whole, so that all nodes agree exactly (the Kryo registration lists
   * above all), and of its {@code pekko} section the settings that differ from the reference
   * configuration, which the worker reads from the same class path. The whole resolved {@code pekko}
   * tree is ~1,800 settings (65 KB), and parsing it took a cold worker JVM a few hundred milliseconds
   * of its start.
   */
  public Path writeNodeConfig(Config config) {
    Config shared =
        ConfigFactory.empty()
            .withValue("actorlab", config.getValue("actorlab"))
            .withFallback(
                differences(
                    config.getObject("pekko"),
                    ConfigFactory.defaultReference().getObject("pekko"),
                    List.of("pekko"),
                    ConfigFactory.empty()));
    Path file = logDir.resolve("node.conf");
    try {
      Files.writeString(
          file, shared.root().render(ConfigRenderOptions.concise().setFormatted(true)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /** The configuration a worker starts with, from the file {@link #writeNodeConfig} wrote. */
  public static Config readNodeConfig(Path file) {
    return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  /**
   * {@code into} plus every value of {@code object} (found at {@code path}) that {@code reference}
   * (the same place in the reference configuration, or null) lacks or has another value for.
   */
  private static Config differences(
      ConfigObject object, ConfigObject reference, List<String> path, Config into) {
    Config result = into;
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      List<String> at = new ArrayList<>(path);
      at.add(entry.getKey());
      ConfigValue value = entry.getValue();
      ConfigValue defaultValue = reference == null ? null : reference.get(entry.getKey());
      if (value instanceof ConfigObject child && defaultValue instanceof ConfigObject defaults) {
        result = differences(child, defaults, at, result);
      } else if (!value.equals(defaultValue)) {
        result = result.withValue(ConfigUtil.joinPath(at), value);
      }
    }
    return result;
  }

  /**
   * Who hears of a worker started by {@link #launchWorker} that exits while the launcher still runs
   * it; no one until this is set.
   */
  public void onWorkerExit(Consumer<Node> listener) {
    this.onWorkerExit = listener;
  }

  /**
   * Tells every worker started by {@link #launchWorker}, now and from now on, the address of the
   * coordinator to join.
   */
  public synchronized void announce(String coordinatorAddress) {
    this.coordinator = coordinatorAddress;
    workers.forEach(node -> tell(node, coordinatorAddress));
  }

  /**
   * Tells every worker started by {@link #launchWorker} that the run is over: each leaves the cluster
   * and exits now, alongside the coordinator, instead of once it finds the coordinator gone (~1-2 s
   * later, which every run would wait for).
   */
  public synchronized void endRun() {
    workers.forEach(node -> tell(node, WorkerNodes.END_OF_RUN));
  }

  /** Writes {@code line} to the standard input of {@code node}. */
  private static void tell(Node node, String line) {
    try {
      OutputStream in = node.process().getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      // It has exited; its exit is reported to the onWorkerExit listener.
    }
  }

  /** How many of the workers started by {@link #launchWorker} are still running. */
  public long liveWorkers() {
    return workers.stream().filter(node -> node.process().isAlive()).count();
  }

  /**
   * Starts a run's worker JVM named {@code name} with {@code jvmOptions}: {@link WorkerMain} with the
   * configuration in {@code nodeConfig} (see {@link #writeNodeConfig}). It joins the coordinator once
   * {@link #announce} has told it where.
   */
  public synchronized Node launchWorker(String name, List<String> jvmOptions, Path nodeConfig) {
    Node node =
        launch(
            name,
            jvmOptions,
            WorkerMain.class.getName(),
            List.of(nodeConfig.toString()),
            exited -> onWorkerExit.accept(exited));
    workers.add(node);
    if (coordinator != null) {
      tell(node, coordinator);
    }
    return node;
  }

  /**
   * Starts a node JVM named {@code name} with {@code jvmOptions} and the {@code node} command's
   * arguments {@code args}; {@code onExit} hears of it if it exits while the launcher still runs it.
   */
  public Node launch(
      String name, List<String> jvmOptions, List<String> args, Consumer<Node> onExit) {
    return launch(name, jvmOptions, NODE_MAIN, args, onExit);
  }

  private Node launch(
      String name,
      List<String> jvmOptions,
      String mainClass,
      List<String> args,
      Consumer<Node> onExit) {
    List<String> sharing = classData.options();
    List<String> options = new ArrayList<>(jvmOptions);
    options.addAll(sharing);
    List<String> command = command(options, classPath, mainClass, args);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      Node node = new Node(name, builder.start(), log);
      nodes.add(node);
      if (classData.writesArchive(sharing)) {
        archiving.add(node);
      }
      node.process()
          .onExit()
          .thenRun(
              () -> {
                classData.exited(sharing, node.process().exitValue());
                if (!closing) {
                  onExit.accept(node);
                }
              });
      return node;
    } catch (IOException e) {
      classData.exited(sharing, -1);
      throw new UncheckedIOException("cannot start worker JVM " + name + ": " + command, e);
    }
  }

  /**
   * The command line of a node JVM started by hand: this JVM's {@code java}, {@code jvmOptions}, this
   * JVM's {@code actorlab.*}, {@code pekko.*}, {@code logback.*} and {@code config.*} system properties,
   * {@code classPath}, and the command line's entry point with {@code args} (a {@code node} command).
   */
  public static List<String> nodeCommand(
      List<String> jvmOptions, String classPath, List<String> args) {
    return command(jvmOptions, classPath, NODE_MAIN, args);
  }

  private static List<String> command(
      List<String> jvmOptions, String classPath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    System.getProperties().stringPropertyNames().stream()
        .filter(key -> FORWARDED_PREFIXES.stream().anyMatch(key::startsWith))
        .sorted()
        .forEach(key -> command.add("-D" + key + "=" + System.getProperty(key)));
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /**
   * Fails when a worker has exited, with its exit code and the end of its output.
   *
   * @throws IllegalStateException naming the worker and showing what it wrote
   */
  public void checkAlive() {
    for (Node node : nodes) {
      if (!node.process().isAlive()) {
        throw new IllegalStateException(
            "worker JVM "
                + node.name()
                + " (pid "
                + node.process().pid()
                + ") exited with code "
                + node.process().exitValue()
                + "; the end of "
                + node.log()
                + ":"
                + System.lineSeparator()
                + node.tail());
      }
    }
  }

  /**
   * Waits up to {@code grace} for every worker to exit by itself (they leave when the coordinator
   * does), then destroys the rest, then kills them by force.
   */
  public void stop(Duration grace) {
    closing = true;
    long deadline = System.nanoTime() + grace.toNanos();
    for (Node node : nodes) {
      long extra = archiving.contains(node) ? ARCHIVE_GRACE.toNanos() : 0;
      long left = deadline + extra - System.nanoTime();
      try {
        if (left <= 0 || !node.process().waitFor(left, TimeUnit.NANOSECONDS)) {
          node.process().destroy(); // a JVM that exits on SIGTERM still writes its archive
          if (!node.process().waitFor(2 + extra / 1_000_000_000L, TimeUnit.SECONDS)) {
            node.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        killAll();
        return;
      }
    }
  }

  /**
   * Kills the worker JVM with process id {@code pid} at once, if this launcher started it.
   *
   * @return true when it was one of this launcher's workers
   */
  public boolean kill(long pid) {
    for (Node node : nodes) {
      if (node.process().pid() == pid) {
        node.process().descendants().forEach(ProcessHandle::destroyForcibly);
        node.process().destroyForcibly();
        return true;
      }
    }
    return false;
  }

  /** Kills every worker and whatever it started, at once. */
  private void killAll() {
    closing = true;
    for (Node node : nodes) {
      node.process().descendants().forEach(ProcessHandle::destroyForcibly);
      node.process().destroyForcibly();
    }
  }

  /** Kills every worker still running, at once; {@link #stop} first lets them leave gently. */
  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs anyway.
    }
  }
}
