package io.actorlab.samples.dispatcherstour;

import io.actorlab.samples.common.SampleSupport;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.actorlab.api.ActorLab;
import io.actorlab.mode.ModeCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

/**
 * Sample 01: the same actor ({@link Probe}) spawned on the dispatcher of every mode in conf/modes, to
 * see which threads run it and how many run at once.
 *
 * <p>For each mode the tour reads the mode's configuration exactly as a worker pool would
 * ({@code ActorLab.mode(name).config()}), starts an actor system with it, spawns {@code actors} probes
 * on the mode's {@code dispatcher-path} (and again on its {@code blocking-dispatcher-path} when that
 * differs), sends each probe {@code messages} messages and waits for the replies. A probe holds its
 * thread for {@code hold-ms} per message, so the most probes busy at once is the number of threads the
 * dispatcher lends out.
 *
 * <p>Run: {@code samples/run 01 [actors=4] [messages=3] [hold-ms=50] [work=sleep|spin] [workers=2]
 * [modes=threads,pinned,...]}
 */
public final class DispatchersTour {

  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

  private DispatchersTour() {}

  /** Runs the tour; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        SampleSupport.options(
            args,
            Map.of(
                "actors", "4", "messages", "3", "hold-ms", "50", "work", "sleep", "workers", "2",
                "modes", ""));
    int actors = Integer.parseInt(options.get("actors"));
    int messages = Integer.parseInt(options.get("messages"));
    Duration hold = Duration.ofMillis(Long.parseLong(options.get("hold-ms")));
    boolean spin = switch (options.get("work")) {
      case "sleep" -> false;
      case "spin" -> true;
      default -> throw new IllegalArgumentException("work must be sleep or spin, got " + options.get("work"));
    };
    int workers = Integer.parseInt(options.get("workers"));
    List<String> present = ActorLab.modes().stream().map(ModeCatalog.ModeFile::name).toList();
    List<String> modes =
        options.get("modes").isEmpty() ? tourOrder(present) : Arrays.asList(options.get("modes").split(","));
    // Start SLF4J before Pekko logs anything, or it replays the early lines with a warning.
    LoggerFactory.getILoggerFactory();

    System.out.printf(
        "%d probe actors x %d messages; each message %s %d ms on the probe's thread; workers = %d."
            + " Java %d, %d cores.%n%n",
        actors, messages, spin ? "spins (computes) for" : "sleeps", hold.toMillis(), workers,
        Runtime.version().feature(), Runtime.getRuntime().availableProcessors());
    System.out.printf(
        "%-16s %-34s %8s %8s %8s  %s%n", "mode", "dispatcher", "wall", "threads", "at once", "thread names");

    List<String> notes = new ArrayList<>();
    for (String mode : modes) {
      if (!present.contains(mode)) {
        System.out.printf("%-16s skipped: there is no conf/modes/%s.conf%n", mode, mode);
        continue;
      }
      Config config = ActorLab.mode(mode).workers(workers).config();
      int requires = config.getInt("actorlab.mode.requires-java");
      if (Runtime.version().feature() < requires) {
        System.out.printf(
            "%-16s skipped: needs Java %d+, this is Java %d (Pekko would silently use platform"
                + " threads; run with JAVA_HOME=/path/to/jdk%d)%n",
            mode, requires, Runtime.version().feature(), requires);
        continue;
      }
      if (config.getString("actorlab.mode.runner").equals("caller")) {
        print(mode, "none: the caller's thread", onCaller(actors * messages, hold, spin));
      } else {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(config.getString("actorlab.mode.dispatcher-path"));
        paths.add(config.getString("actorlab.mode.blocking-dispatcher-path"));
        String label = mode;
        for (String path : paths) {
          print(label, path, onDispatcher(config, path, actors, messages, hold, spin));
          label = "  (blocking)";
        }
      }
      if (config.getBoolean("actorlab.mode.gil")) {
        notes.add(mode + ": gil = on. The global lock is taken around task code by the worker, not by"
            + " the dispatcher, so these probes do not feel it; sample 02 shows it.");
      }
      if (config.getBoolean("actorlab.mode.serialize-messages")) {
        notes.add(mode + ": serialize-messages = on. Same threads as its dispatchers above; what it"
            + " adds is a serialized copy of every message (sample 05).");
      }
    }
    if (!notes.isEmpty()) {
      System.out.println();
      notes.forEach(System.out::println);
    }
  }

  /** The modes from simplest to most special; modes added to conf/modes later come last. */
  private static List<String> tourOrder(List<String> present) {
    List<String> order = new ArrayList<>(
        List.of("sequential", "gil", "threads", "thread-pool", "pinned", "virtual", "serialize-local"));
    order.retainAll(present);
    present.stream().filter(mode -> !order.contains(mode)).forEach(order::add);
    return order;
  }

  /** What one dispatcher did with the probes. */
  private record Tour(long wallMillis, Set<String> threads, int maxAtOnce) {}

  /** Every message on the calling thread, one after another: what runner = caller does. */
  private static Tour onCaller(int total, Duration hold, boolean spin) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      if (spin) {
        long end = System.nanoTime() + hold.toNanos();
        while (System.nanoTime() < end) {
          Thread.onSpinWait();
        }
      } else {
        Thread.sleep(hold.toMillis());
      }
    }
    return new Tour(
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
        Set.of(Probe.threadName()),
        1);
  }

  /** Spawns the probes on the dispatcher at {@code path} and sends them their messages. */
  private static Tour onDispatcher(
      Config config, String path, int actors, int messages, Duration hold, boolean spin)
      throws Exception {
    // Only the dispatcher is toured: the probes' messages stay local even if serialize-messages was
    // switched on with -Dpekko.actor.serialize-messages=on (they are not registered for Kryo).
    Config local =
        config.withValue("pekko.actor.serialize-messages", ConfigValueFactory.fromAnyRef(false));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tour", local);
    try {
      Occupancy occupancy = new Occupancy();
      List<ActorRef<Probe.Command>> probes = new ArrayList<>();
      for (int i = 1; i <= actors; i++) {
        probes.add(
            system.systemActorOf(
                Probe.create(occupancy), "probe-" + i, DispatcherSelector.fromConfig(path)));
      }
      long start = System.nanoTime();
      List<CompletableFuture<Probe.Done>> replies = new ArrayList<>();
      for (int m = 0; m < messages; m++) {
        for (ActorRef<Probe.Command> probe : probes) {
          replies.add(
              AskPattern.<Probe.Command, Probe.Done>ask(
                      probe,
                      replyTo -> new Probe.Work(hold, spin, replyTo),
                      REPLY_TIMEOUT,
                      system.scheduler())
                  .toCompletableFuture());
        }
      }
      Set<String> threads = new TreeSet<>();
      for (CompletableFuture<Probe.Done> reply : replies) {
        threads.add(reply.join().thread());
      }
      long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      return new Tour(wall, threads, occupancy.maxAtOnce());
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static void print(String mode, String dispatcher, Tour tour) {
    System.out.printf(
        "%-16s %-34s %5d ms %8d %8d  %s%n",
        mode, dispatcher, tour.wallMillis(), tour.threads().size(), tour.maxAtOnce(),
        compact(tour.threads()));
  }

  private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d+)");

  /** "tour-x-5, tour-x-6" as "tour-x-{5,6}"; names that do not share a prefix are listed (at most 4). */
  private static String compact(Set<String> names) {
    String prefix = null;
    List<String> numbers = new ArrayList<>();
    for (String name : names) {
      Matcher matcher = NUMBERED.matcher(name);
      if (!matcher.matches() || (prefix != null && !prefix.equals(matcher.group(1)))) {
        String listed = names.stream().limit(4).collect(Collectors.joining(", "));
        return names.size() > 4 ? listed + ", ..." : listed;
      }
      prefix = matcher.group(1);
      numbers.add(matcher.group(2));
    }
    if (names.size() == 1) {
      return names.iterator().next();
    }
    numbers.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
    return prefix + "{" + String.join(",", numbers) + "}";
  }

}
