package io.actorlab.compare;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.actorlab.measure.RunReport;
import io.actorlab.report.JsonReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A JVM of its own that runs one mode's runs of a comparison, one each time it is asked, so that each
 * mode has its own heap, JIT and peak RSS, and no mode warms or fills memory for another.
 *
 * <p>The child is {@code actorlab run --serve ...}: it reads a line {@value #REQUEST} from its stdin,
 * runs the workload once (on the pool its first run started, with {@code --reuse-pool}; else on a
 * fresh one), and answers with one line, {@value #RESULT_PREFIX} followed
 * by the run's JSON ({@link JsonReport}). It exits when its stdin closes, so a child never outlives a
 * parent that dies, however it dies, by more than the run it is in.
 *
 * <p>No orphans: a child is closed by closing its stdin and waiting for it; one that has not exited
 * within the stop timeout is killed with everything it started (worker JVMs of a processes mode). A
 * JVM shutdown hook does the same for children still alive when the parent exits, on Ctrl-C (SIGINT)
 * or SIGTERM too. Only SIGKILL of the parent skips the hook, and then the closed stdin ends them.
 */
public final class ChildJvm implements AutoCloseable {

  /** The line that asks a child for one run. */
  public static final String REQUEST = "run";

  /** What starts the child's answer line; the run's JSON follows on the same line. */
  public static final String RESULT_PREFIX = "actorlab-run ";

  private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();
  private static final Duration KILL_GRACE = Duration.ofSeconds(2);
  private static final int OTHER_LINES_KEPT = 20;
  private static final int LOG_TAIL_LINES = 30;

  private final String name;
  private final Process process;
  private final Writer stdin;
  private final BufferedReader stdout;
  private final Path log;
  private final Duration stopTimeout;
  private final Deque<String> otherLines = new ArrayDeque<>();

  private ChildJvm(String name, Process process, Path log, Duration stopTimeout) {
    this.name = name;
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), UTF_8);
    this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    this.log = log;
    this.stopTimeout = stopTimeout;
  }

  /**
   * Starts a child.
   *
   * @param name what messages call it, e.g. {@code threads x2}
   * @param command the whole command line, e.g. from {@link #javaCommand(String)} and the arguments
   * @param showLog true to let the child's stderr through to ours; else it goes to a temporary file,
   *     whose end is quoted when the child fails
   * @param stopTimeout how long {@link #close()} waits for the child to exit before killing it
   */
  public static ChildJvm start(String name, List<String> command, boolean showLog, Duration stopTimeout)
      throws IOException {
    hookOnce();
    ProcessBuilder builder = new ProcessBuilder(command);
    Path log = null;
    if (showLog) {
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    } else {
      log = Files.createTempFile("actorlab-compare-", ".log");
      builder.redirectError(log.toFile());
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      if (log != null) {
        Files.deleteIfExists(log);
      }
      throw e;
    }
    ChildJvm child = new ChildJvm(name, process, log, stopTimeout);
    LIVE.add(child);
    return child;
  }

  /**
   * The command that starts a JVM like this one: the same {@code java} executable, JVM options and
   * class path, with {@code mainClass} as the main class. A debugger agent is left out (its port
   * would clash).
   */
  public static List<String> javaCommand(String mainClass) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!option.startsWith("-agentlib:jdwp")
          && !option.startsWith("-Xrunjdwp")
          && !option.equals("-Xdebug")) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    return command;
  }

  /** The child's process id. */
  public long pid() {
    return process.pid();
  }

  /** The child's process, to watch it and what it started. */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  /**
   * Asks for one run and waits for it.
   *
   * @throws ChildFailedException when the child exits or answers something that is not a run, with
   *     its exit code and the end of its log
   */
  public RunReport run() {
    try {
      stdin.write(REQUEST + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw failed("it stopped taking requests (" + e.getMessage() + ")");
    }
    try {
      String line;
      while ((line = stdout.readLine()) != null) {
        if (line.startsWith(RESULT_PREFIX)) {
          try {
            return JsonReport.fromJson(JsonReport.parse(line.substring(RESULT_PREFIX.length())));
          } catch (IllegalArgumentException e) {
            throw failed("it answered a run that cannot be read: " + e.getMessage());
          }
        }
        keep(line);
      }
    } catch (IOException e) {
      throw failed("cannot read its answer (" + e.getMessage() + ")");
    }
    throw failed("it exited before answering");
  }

  /** Closes its stdin so it exits, waits for that, and kills it (and what it started) if it does not. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone: killed below if it is not
    }
    try {
      if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    } finally {
      try {
        stdout.close();
      } catch (IOException e) {
        // nothing more to read
      }
      deleteLog(); // before it leaves LIVE: else a shutdown now would leave the log behind
      LIVE.remove(this);
    }
  }

  /**
   * Ends the child and every process it started: SIGTERM first (so it can stop its own children),
   * then, after a short grace, SIGKILL for whatever is left.
   */
  void kill() {
    List<ProcessHandle> tree = process.descendants().collect(Collectors.toList());
    tree.add(0, process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + KILL_GRACE.toNanos();
    for (ProcessHandle handle : tree) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          handle.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (Exception e) {
        // not gone in time (or interrupted): forced below
      }
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private ChildFailedException failed(String why) {
    Integer exit = null;
    try {
      if (process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        exit = process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StringBuilder message =
        new StringBuilder("the JVM running ")
            .append(name)
            .append(" failed: ")
            .append(why)
            .append(exit == null ? "" : "; exit code " + exit);
    List<String> tail = new ArrayList<>(otherLines);
    tail.addAll(logTail());
    if (!tail.isEmpty()) {
      message.append("; its last output:\n  ").append(String.join("\n  ", tail));
    }
    return new ChildFailedException(message.toString(), exit == null ? -1 : exit);
  }

  private void keep(String line) {
    if (otherLines.size() == OTHER_LINES_KEPT) {
      otherLines.removeFirst();
    }
    otherLines.addLast(line);
  }

  private List<String> logTail() {
    if (log == null) {
      return List.of();
    }
    try {
      List<String> lines = Files.readAllLines(log, UTF_8);
      return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
    } catch (IOException | UncheckedIOException e) {
      return List.of("(its log " + log + " cannot be read: " + e.getMessage() + ")");
    }
  }

  private void deleteLog() {
    if (log != null) {
      try {
        Files.deleteIfExists(log);
      } catch (IOException e) {
        // a temporary file left behind is harmless
      }
    }
  }

  /**
   * One hook for all children: whatever ends this JVM normally (Ctrl-C, SIGTERM) also ends them, and
   * removes their logs, which {@link #close()} would have removed.
   */
  private static void hookOnce() {
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () ->
                      List.copyOf(LIVE)
                          .parallelStream()
                          .forEach(
                              child -> {
                                child.kill();
                                child.deleteLog();
                              }),
                  "actorlab-compare-children"));
    }
  }

  /** A child that failed: what it said, and its exit code (-1 when it had not exited). */
  public static final class ChildFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    ChildFailedException(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    /** The child's exit code, or -1 when it had not exited. */
    public int exitCode() {
      return exitCode;
    }
  }
}
