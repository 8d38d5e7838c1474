package io.actorlab.bench;

import io.actorlab.actor.Coordinator;
import io.actorlab.actor.TaskOutcome;
import io.actorlab.actor.Worker;
import io.actorlab.workload.SumLoopTask;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The values the serialization benchmarks write: two of actorlab's own messages as a sum-loop run sends
 * them, a small record, a 10k-int array and a 1 MiB byte array.
 *
 * <p>actorlab's messages are not {@link Serializable} (nothing of actorlab's ever goes through Java
 * serialization), so the {@code java} codec writes field-for-field twins of them instead: the same
 * values, in the shape Java serialization needs.
 */
final class Payloads {

  /** Every payload's name, in the benchmarks' order. */
  static final List<String> NAMES =
      List.of("worker-run", "task-done", "small-record", "ints-10k", "bytes-1m");

  /** The small record: an int and a short string. */
  public record Point(int id, String name) implements Serializable {}

  record RunTwin(long taskId, String taskClass, Object input) implements Serializable {}

  record LoopTwin(long seed, long iterations) implements Serializable {}

  record OutcomeTwin(
      long taskId,
      Object output,
      String errorClass,
      String errorMessage,
      long startedEpochMicros,
      long runNanos,
      Map<String, Long> counters)
      implements Serializable {}

  record TaskDoneTwin(OutcomeTwin outcome) implements Serializable {}

  private Payloads() {}

  /** The payload called {@code name}; its Java-serializable twin when {@code forJava}. */
  static Object named(String name, boolean forJava) {
    long micros = 1_763_791_200_000_000L;
    return switch (name) {
      case "worker-run" -> forJava
          ? new RunTwin(4_217, SumLoopTask.class.getName(), new LoopTwin(4_217, 250_000))
          : new Worker.Run(
              List.of(
                  new Worker.Assignment(
                      4_217, SumLoopTask.class.getName(), new SumLoopTask.Loop(4_217, 250_000))),
              false);
      case "task-done" -> forJava
          ? new TaskDoneTwin(new OutcomeTwin(4_217, 8_410_552_917L, null, null, micros, 183_000, Map.of()))
          : new Coordinator.TaskDone(
              List.of(new TaskOutcome(4_217, 8_410_552_917L, null, null, micros, 183_000, Map.of())),
              false);
      case "small-record" -> new Point(42, "actorlab");
      case "ints-10k" -> new Random(7).ints(10_000).toArray();
      case "bytes-1m" -> {
        byte[] bytes = new byte[1 << 20];
        new Random(7).nextBytes(bytes);
        yield bytes;
      }
      default -> throw new IllegalArgumentException(
          "unknown payload '" + name + "'; use one of " + NAMES);
    };
  }
}
