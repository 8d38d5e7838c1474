package io.actorlab.samples.boundarycost;

import io.actorlab.samples.common.SampleSupport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actorlab.api.ActorLab;
import io.actorlab.api.WorkerPool;
import io.actorlab.measure.BoundaryStats;
import io.actorlab.serialization.KryoSerializer;
import io.actorlab.workload.PayloadTask;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

/**
 * Sample 05: what the process boundary costs, measured in one JVM.
 *
 * <ol>
 *   <li>Message size, 100 B to 10 MB: an {@code int[]} goes to a task and a new one comes back
 *       ({@link PayloadTask}), in {@code threads} (a reference is passed) and in {@code serialize-local}
 *       (every message serialized with Kryo and read back, as if it crossed to another JVM).
 *   <li>Encodings of the same record ({@link Reading}): actorlab's Kryo configuration, Java
 *       serialization and Jackson JSON; bytes and time of a round trip.
 *   <li>A big array handed over as a memory-mapped file (only its name crosses) against copying it
 *       through the boundary: the JVM's {@code shared_memory}.
 * </ol>
 *
 * <p>Run: {@code samples/run 05 [sizes=100,1000,10000,100000,1000000,10000000] [budget-mb=40]
 * [repeat=3] [time-ms=500] [big-ints=16000000] [parts=1,2,3]}
 */
public final class BoundaryCost {

  private static final Path CONF =
      Path.of(System.getProperty("actorlab.home", "."), "samples", "05-boundary-cost", "boundary-cost.conf");

  private BoundaryCost() {}

  /** Runs the three parts; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        SampleSupport.options(
            args,
            Map.of(
                "sizes", "100,1000,10000,100000,1000000,10000000",
                "budget-mb", "40",
                "repeat", "3",
                "time-ms", "500",
                "big-ints", "16000000",
                "parts", "1,2,3"));
    // Start SLF4J before Pekko logs anything, or it replays the early lines with a warning.
    LoggerFactory.getILoggerFactory();
    System.out.printf(
        "Java %d, %d cores; configuration: %s%n",
        Runtime.version().feature(), Runtime.getRuntime().availableProcessors(), CONF);
    int repeat = Integer.parseInt(options.get("repeat"));
    List<String> parts = Arrays.asList(options.get("parts").split(","));
    if (parts.contains("1")) {
      messageSizes(
          Arrays.stream(options.get("sizes").split(",")).mapToLong(Long::parseLong).toArray(),
          Long.parseLong(options.get("budget-mb")) << 20,
          repeat);
    }
    if (parts.contains("2")) {
      encodings(Long.parseLong(options.get("time-ms")));
    }
    if (parts.contains("3")) {
      handOff(Integer.parseInt(options.get("big-ints")), repeat);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Part 1: message size

  /** The medians of one size in one mode. */
  private record SizeRun(int tasks, long wallNanos, BoundaryStats crossed) {}

  private static void messageSizes(long[] sizes, long budgetBytes, int repeat) {
    System.out.printf(
        "%nPart 1: an int[] of SIZE bytes to each task and one as large back; median of %d%n", repeat);
    Map<Long, List<int[]>> inputs = new LinkedHashMap<>();
    for (long size : sizes) {
      int tasks = (int) Math.max(4, Math.min(200, budgetBytes / size));
      List<int[]> arrays = new ArrayList<>();
      for (int t = 0; t < tasks; t++) {
        arrays.add(randomInts((int) Math.max(1, size / Integer.BYTES), t));
      }
      inputs.put(size, arrays);
    }
    // Across processes Artery allocates every buffer at the frame size, which follows
    // max-message-bytes: give the processes pool only what its largest message needs.
    long largest = Arrays.stream(sizes).max().orElse(0);
    long frameLimit = Math.max(2L << 20, Long.highestOneBit(largest * 5 / 4 + (64 << 10)) * 2);
    Map<String, Map<Long, SizeRun>> byMode = new LinkedHashMap<>();
    for (String mode : List.of("threads", "serialize-local", "processes")) {
      Map<Long, SizeRun> runs = new LinkedHashMap<>();
      ActorLab lab = lab(mode);
      if (mode.equals("processes")) {
        lab.set("actorlab.serialization.max-message-bytes", frameLimit);
      }
      try (WorkerPool pool = lab.start()) {
        inputs.values().forEach(arrays -> pool.map(new PayloadTask(), arrays)); // warm-up
        for (Map.Entry<Long, List<int[]>> size : inputs.entrySet()) {
          runs.put(size.getKey(), measureSize(pool, size.getValue(), repeat));
        }
      }
      byMode.put(mode, runs);
    }
    System.out.printf(
        "%10s %6s %14s %18s %14s %8s %16s %16s%n",
        "size", "tasks", "threads", "serialize-local", "processes", "slower", "crossed",
        "ser+deser");
    for (long size : sizes) {
      SizeRun threads = byMode.get("threads").get(size);
      SizeRun serialized = byMode.get("serialize-local").get(size);
      SizeRun processes = byMode.get("processes").get(size);
      BoundaryStats crossed = processes.crossed();
      System.out.printf(
          "%10s %6d %9s/task %13s/task %9s/task %7.1fx %11s/task %11s/task%n",
          bytes(size), threads.tasks(), micros(threads.wallNanos() / threads.tasks()),
          micros(serialized.wallNanos() / serialized.tasks()),
          micros(processes.wallNanos() / processes.tasks()),
          (double) processes.wallNanos() / threads.wallNanos(),
          bytes(crossed.bytes() / processes.tasks()),
          micros((crossed.serializeNanos() + crossed.deserializeNanos()) / processes.tasks()));
    }
    System.out.printf(
        "slower: processes against threads. crossed: Kryo bytes of every message of a task across"
            + " processes (its input,\nits result, the protocol around them); ints are full-range,"
            + " so each takes 5 bytes as a varint. ser+deser:\nthe boundary meter's time over every"
            + " JVM, summed over threads (so it can exceed the wall time per task).\n"
            + "serialize-local pays the same serialization in one JVM, without the socket and the"
            + " other process;\nits wall also includes the pre-flight check at submit, one more"
            + " serialization of every input and output.\nprocesses ran with max-message-bytes ="
            + " %d MiB: Artery holds buffers of that size in every JVM.%n",
        frameLimit >> 20);
  }

  private static SizeRun measureSize(WorkerPool pool, List<int[]> arrays, int repeat) {
    List<SizeRun> runs = new ArrayList<>();
    for (int r = 0; r < repeat; r++) {
      BoundaryStats before = pool.boundary();
      long start = System.nanoTime();
      List<int[]> results = pool.map(new PayloadTask(), arrays);
      long wall = System.nanoTime() - start;
      BoundaryStats crossed = pool.boundary().minus(before);
      int[] first = arrays.get(0);
      if (results.get(0)[first.length - 1] != first[first.length - 1] + 1) {
        throw new IllegalStateException("wrong result from " + pool.mode());
      }
      runs.add(new SizeRun(arrays.size(), wall, crossed));
    }
    runs.sort((a, b) -> Long.compare(a.wallNanos(), b.wallNanos()));
    return runs.get(runs.size() / 2);
  }

  // ---------------------------------------------------------------------------------------------
  // Part 2: encodings of one record

  /** One encoding: bytes of the record, and a round trip (serialize, then read back). */
  private interface Encoding {
    byte[] write(Reading reading) throws Exception;

    Reading read(byte[] bytes) throws Exception;
  }

  private static void encodings(long timeMillis) throws Exception {
    System.out.printf(
        "%nPart 2: one Reading record, serialized and read back; CPU time of this thread, median of 5"
            + " batches of %d ms%n",
        timeMillis / 5);
    // actorlab's own Kryo serializer, configured from the same files as a serializing mode.
    ActorSystem<Void> system =
        ActorSystem.create(Behaviors.empty(), "boundary-cost", lab("serialize-local").config());
    try {
      KryoSerializer kryoSerializer = new KryoSerializer((ExtendedActorSystem) system.classicSystem());
      ObjectMapper json = new ObjectMapper();
      Map<String, Encoding> encodings = new LinkedHashMap<>();
      encodings.put("kryo (actorlab)", new Encoding() {
        @Override
        public byte[] write(Reading reading) {
          return kryoSerializer.toBinary(reading);
        }

        @Override
        public Reading read(byte[] bytes) {
          return (Reading) kryoSerializer.fromBinaryJava(bytes, null);
        }
      });
      encodings.put("java serialization", new Encoding() {
        @Override
        public byte[] write(Reading reading) throws IOException {
          ByteArrayOutputStream buffer = new ByteArrayOutputStream();
          try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(SerializableReading.of(reading));
          }
          return buffer.toByteArray();
        }

        @Override
        public Reading read(byte[] bytes) throws Exception {
          try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            SerializableReading copy = (SerializableReading) in.readObject();
            return new Reading(copy.sensor(), copy.location(), copy.timestamp(), copy.values());
          }
        }
      });
      encodings.put("jackson json", new Encoding() {
        @Override
        public byte[] write(Reading reading) throws IOException {
          return json.writeValueAsBytes(reading);
        }

        @Override
        public Reading read(byte[] bytes) throws IOException {
          return json.readValue(bytes, Reading.class);
        }
      });

      System.out.printf("%-22s %-20s %12s %14s%n", "record", "encoding", "bytes", "round trip");
      for (int length : new int[] {4, 10_000}) {
        Reading reading = new Reading(7, "greenhouse north", 1_767_225_600_000L, randomDoubles(length));
        String label = "values: " + length + " doubles";
        for (Map.Entry<String, Encoding> encoding : encodings.entrySet()) {
          byte[] bytes = encoding.getValue().write(reading);
          Reading back = encoding.getValue().read(bytes);
          if (!Arrays.equals(back.values(), reading.values())
              || !back.location().equals(reading.location())) {
            throw new IllegalStateException(encoding.getKey() + " did not round-trip the record");
          }
          long nanos = roundTripNanos(encoding.getValue(), reading, timeMillis);
          System.out.printf(
              "%-22s %-20s %12d %14s%n", label, encoding.getKey(), bytes.length, micros(nanos));
          label = "";
        }
      }
      System.out.println(
          "Kryo writes a class id (1 or 2 bytes) where Java serialization writes class descriptors;"
              + " JSON writes every double as text.");
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * The median time of one round trip over 5 batches, after a warm-up as long as all of them (on a busy
   * machine the JIT needs that long; JMH would do this properly, with forks and statistics).
   */
  private static long roundTripNanos(Encoding encoding, Reading reading, long timeMillis)
      throws Exception {
    long batchNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeMillis / 5));
    batch(encoding, reading, batchNanos * 5); // warm-up: the JIT compiles the encoding
    long[] perTrip = new long[5];
    for (int b = 0; b < perTrip.length; b++) {
      perTrip[b] = batch(encoding, reading, batchNanos);
    }
    Arrays.sort(perTrip);
    return perTrip[perTrip.length / 2];
  }

  /**
   * Round trips for about {@code nanos} of this thread's CPU time; returns the CPU time of one. CPU
   * time, not wall time: on a machine shared with other work, the wall clock also counts the time this
   * thread waited for a core.
   */
  private static long batch(Encoding encoding, Reading reading, long nanos) throws Exception {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long start = cpu.getCurrentThreadCpuTime();
    long trips = 0;
    long sink = 0;
    long spent;
    do {
      for (int i = 0; i < 10; i++) {
        sink += encoding.read(encoding.write(reading)).sensor();
      }
      trips += 10;
      spent = cpu.getCurrentThreadCpuTime() - start;
    } while (spent < nanos);
    if (sink != 7 * trips) {
      throw new IllegalStateException("lost a round trip");
    }
    return spent / trips;
  }

  // ---------------------------------------------------------------------------------------------
  // Part 3: memory-mapped hand-off

  private static void handOff(int ints, int repeat) throws Exception {
    System.out.printf(
        "%nPart 3: sum one int[%d] (%s) in a task; median of %d%n", ints, bytes(4L * ints), repeat);
    int[] values = randomInts(ints, 42);
    long expected = Arrays.stream(values).asLongStream().sum();
    // /dev/shm is RAM-backed on Linux, where Python's shared_memory puts its blocks too.
    Path dir =
        Files.isDirectory(Path.of("/dev/shm"))
            ? Path.of("/dev/shm")
            : Path.of(System.getProperty("java.io.tmpdir"));
    Path file = Files.createTempFile(dir, "actorlab-sample-05-", ".ints");
    System.out.printf("%-16s %-34s %12s %12s%n", "mode", "how the array travels", "crossed", "time");
    try {
      try (WorkerPool pool = lab("threads").start()) {
        handOffRow(pool, "a reference (same heap)", repeat, expected, () -> sum(pool, values));
      }
      try (WorkerPool pool = lab("serialize-local").start()) {
        handOffRow(pool, "copied: Kryo, the whole array", repeat, expected, () -> sum(pool, values));
        handOffRow(pool, "memory-mapped file " + dir, repeat, expected, () -> {
          MappedArray mapped = MappedArray.write(file, values);
          return pool.map(new SumMappedTask(), List.of(mapped)).get(0);
        });
      }
    } finally {
      Files.deleteIfExists(file);
    }
    System.out.println(
        "time: from handing the array over until the sum is back; the mapped row includes writing the"
            + " array into the file.\nOnly the file's name crossed; the task read the sender's pages."
            + " Between processes the copy is the cost\nthat a mapped file avoids; in one JVM a"
            + " reference avoids it for free.");
  }

  private static long sum(WorkerPool pool, int[] values) {
    return pool.map(new SumTask(), List.of(values)).get(0);
  }

  /** One way to hand the array over. */
  private interface HandOff {
    long sum() throws Exception;
  }

  private static void handOffRow(
      WorkerPool pool, String how, int repeat, long expected, HandOff handOff) throws Exception {
    handOff.sum(); // warm-up
    long[] nanos = new long[repeat];
    BoundaryStats crossed = null;
    for (int r = 0; r < repeat; r++) {
      BoundaryStats before = pool.boundary();
      long start = System.nanoTime();
      long sum = handOff.sum();
      nanos[r] = System.nanoTime() - start;
      crossed = pool.boundary().minus(before);
      if (sum != expected) {
        throw new IllegalStateException(how + ": sum " + sum + ", expected " + expected);
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%-16s %-34s %12s %12s%n", pool.mode(), how, bytes(crossed.bytes()), micros(nanos[repeat / 2]));
  }

  // ---------------------------------------------------------------------------------------------

  private static ActorLab lab(String mode) {
    return ActorLab.mode(mode).workers(2).configFile(CONF);
  }

  /** Full-range ints, so that no variable-length encoding can shrink them. */
  private static int[] randomInts(int length, long seed) {
    return new SplittableRandom(seed).ints(length).toArray();
  }

  private static double[] randomDoubles(int length) {
    return new SplittableRandom(length).doubles(length).toArray();
  }

  private static String bytes(long bytes) {
    if (bytes >= 1_000_000) {
      return String.format("%.1f MB", bytes / 1e6);
    }
    if (bytes >= 1_000) {
      return String.format("%.1f KB", bytes / 1e3);
    }
    return bytes + " B";
  }

  private static String micros(long nanos) {
    if (nanos >= 10_000_000) {
      return String.format("%.0f ms", nanos / 1e6);
    }
    if (nanos >= 10_000) {
      return String.format("%.0f us", nanos / 1e3);
    }
    return String.format("%.2f us", nanos / 1e3);
  }

}
