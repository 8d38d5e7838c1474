package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import io.actorlab.actor.TaskPolicy;
import io.actorlab.measure.RunReport;
import io.actorlab.mode.SettingsException;
import io.actorlab.task.Task;
import io.actorlab.task.TaskContext;
import io.actorlab.task.TaskFailedException;
import io.actorlab.workload.Workload;
import io.actorlab.workload.WorkloadSpec;
import io.actorlab.workload.Workloads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * actorlab.tasks.batch-size hands a worker a chunk of tasks in one message and takes their outcomes
 * back in one: results stay in order and exactly once, and each task of a chunk is still retried,
 * timed out and renewed on its own.
 */
class BatchTest {

  private static ActorLab lab(String mode, int workers, int batchSize) {
    return ActorLab.mode(mode)
        .workers(workers)
        .set("actorlab.tasks.batch-size", batchSize)
        .set(
            "actorlab.serialization.register",
            List.of(Gate.Pass.class.getName(), FlakyTask.Input.class.getName()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"threads", "gil", "serialize-local"})
  void chunkedRunsComputeWhatTheSequentialBaselineDoes(String mode) throws Exception {
    Workload sumLoop = Workloads.named("sum-loop").orElseThrow();
    WorkloadSpec spec = new WorkloadSpec(200, 1_000, null);
    RunReport expected =
        WorkloadRun.run(ActorLab.mode("sequential"), sumLoop, spec, RunListener.NONE);
    RunReport chunked =
        WorkloadRun.run(
            lab(mode, 2, 16).set("actorlab.tasks.prefetch", 2), sumLoop, spec, RunListener.NONE);

    assertEquals(200, chunked.completed(), () -> "details: " + chunked.details());
    assertEquals(expected.checksum(), chunked.checksum(), "every result exactly once, in order");
  }

  @Test
  void aChunkIsAnsweredOnceItsLastTaskIsDone() throws Exception {
    String key = UUID.randomUUID().toString();
    try (WorkerPool pool = lab("threads", 1, 4).start()) {
      List<CompletableFuture<Integer>> chunk = holdOneChunk(pool, key);
      assertTrue(
          chunk.subList(0, 3).stream().noneMatch(CompletableFuture::isDone),
          "the outcomes of a chunk travel together, after its last task");
      Gate.open(new Gate.Pass(key, 4));
      assertEquals(List.of(1, 2, 3, 4), joined(chunk));
    }
  }

  @Test
  void withATimeoutEachTaskOfAChunkIsAnsweredAsItEnds() throws Exception {
    String key = UUID.randomUUID().toString();
    try (WorkerPool pool = lab("threads", 1, 4).set("actorlab.tasks.timeout", "60s").start()) {
      List<CompletableFuture<Integer>> chunk = holdOneChunk(pool, key);
      try {
        assertEquals(List.of(1, 2, 3), joined(chunk.subList(0, 3)), "answered while 4 still runs");
      } finally {
        Gate.open(new Gate.Pass(key, 4));
      }
      assertEquals(4, chunk.get(3).get(30, TimeUnit.SECONDS));
    }
  }

  /**
   * Holds the only worker at task 0 while tasks 1-4 queue, so that they go out as one chunk, and
   * returns their futures once task 4 runs (and waits at its closed gate).
   */
  private static List<CompletableFuture<Integer>> holdOneChunk(WorkerPool pool, String key)
      throws InterruptedException {
    Gate.Pass first = new Gate.Pass(key, 0);
    Gate.close(first);
    Gate.close(new Gate.Pass(key, 4));
    CompletableFuture<Integer> held = pool.submit(new Gate(), first).toCompletableFuture();
    Gate.awaitStarted(first);
    List<CompletableFuture<Integer>> chunk = new ArrayList<>();
    for (int index = 1; index <= 4; index++) {
      chunk.add(pool.submit(new Gate(), new Gate.Pass(key, index)).toCompletableFuture());
    }
    Gate.open(first);
    assertEquals(0, held.join());
    Gate.awaitStarted(new Gate.Pass(key, 4));
    return chunk;
  }

  @Test
  void aTaskThatTimesOutInAChunkEndsTimedOutAndTheRestOfItsChunkRuns() throws Exception {
    String key = UUID.randomUUID().toString();
    try (WorkerPool pool =
        lab("threads", 1, 4)
            .set("actorlab.tasks.timeout", "2s")
            .set("actorlab.tasks.interrupt-grace", "1s")
            .start()) {
      Gate.Pass first = new Gate.Pass(key, 0);
      Gate.close(first);
      CompletableFuture<Integer> held = pool.submit(new Gate(), first).toCompletableFuture();
      Gate.awaitStarted(first);
      // One chunk: a nap far past the timeout between quick ones. Each quick nap waits behind the
      // slow one for longer than the timeout, which must not count against it.
      List<CompletableFuture<Long>> naps = new ArrayList<>();
      for (long millis : List.of(1L, 60_000L, 2L, 3L)) {
        naps.add(pool.submit(new Nap(), millis).toCompletableFuture());
      }
      Gate.open(first);
      assertEquals(0, held.join());

      ExecutionException thrown =
          assertThrows(ExecutionException.class, () -> naps.get(1).get(30, TimeUnit.SECONDS));
      TaskFailedException failed = (TaskFailedException) thrown.getCause();
      assertEquals(TaskPolicy.TIMED_OUT, failed.errorClass());
      assertEquals(1L, naps.get(0).get(30, TimeUnit.SECONDS));
      assertEquals(2L, naps.get(2).get(30, TimeUnit.SECONDS));
      assertEquals(3L, naps.get(3).get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void aFailingTaskInAChunkIsRetriedOnItsOwn() {
    String key = UUID.randomUUID().toString();
    List<FlakyTask.Input> inputs =
        IntStream.range(0, 24)
            .mapToObj(i -> new FlakyTask.Input(key + i, i % 3 == 0 ? 1 : 0))
            .collect(Collectors.toList());
    try (WorkerPool pool = lab("threads", 2, 8).set("actorlab.tasks.max-attempts", 2).start()) {
      List<Integer> runs = pool.map(new FlakyTask(), inputs);
      assertEquals(
          inputs.stream().map(input -> input.failures() + 1).collect(Collectors.toList()), runs);
    }
  }

  @ParameterizedTest(name = "max-tasks-per-worker {0}")
  @ValueSource(ints = {1, 3, 5})
  void renewedWorkersLoseNoTaskOfTheirChunks(int maxTasks) {
    List<Integer> inputs = IntStream.range(0, 60).boxed().collect(Collectors.toList());
    try (WorkerPool pool =
        lab("threads", 2, 4)
            .set("actorlab.tasks.prefetch", 2)
            .set("actorlab.tasks.max-tasks-per-worker", maxTasks)
            .start()) {
      assertEquals(
          inputs.stream().map(i -> (long) i * i).collect(Collectors.toList()),
          pool.map(new Square(), inputs));
    }
  }

  /** Returns its input. */
  public static final class Echo implements Task<byte[], byte[]> {
    @Override
    public byte[] run(byte[] input, TaskContext context) {
      return input;
    }
  }

  /** Returns that many bytes, each the low byte of the count. */
  public static final class Fill implements Task<Integer, byte[]> {
    @Override
    public byte[] run(Integer size, TaskContext context) {
      byte[] bytes = new byte[size];
      Arrays.fill(bytes, size.byteValue());
      return bytes;
    }
  }

  @Test
  void chunksStayWithinTheMessageLimitWhateverTheirInputsAndOutputsWeigh() throws Exception {
    // 16 tasks of 1.5 KB each way would make 24 KB messages; the limit is 4 KiB.
    try (WorkerPool pool =
        lab("serialize-local", 2, 16)
            .set("actorlab.serialization.max-message-bytes", "4KiB")
            .start()) {
      List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
      List<CompletableFuture<byte[]>> fills = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        byte[] input = new byte[1_500];
        Arrays.fill(input, (byte) i);
        echoes.add(pool.submit(new Echo(), input).toCompletableFuture());
        fills.add(pool.submit(new Fill(), 1_500 + i).toCompletableFuture());
      }
      for (int i = 0; i < 40; i++) {
        byte[] echo = echoes.get(i).get(30, TimeUnit.SECONDS);
        assertEquals(1_500, echo.length);
        assertEquals((byte) i, echo[1_499]);
        byte[] fill = fills.get(i).get(30, TimeUnit.SECONDS);
        assertEquals(1_500 + i, fill.length);
        assertEquals((byte) (1_500 + i), fill[0]);
      }
    }
  }

  @Test
  void aBatchSizeBelowOneIsRefusedNamingTheKey() {
    SettingsException refused =
        assertThrows(SettingsException.class, () -> lab("threads", 1, 0).start().close());
    assertTrue(refused.getMessage().contains("actorlab.tasks.batch-size"), refused.getMessage());
    assertFalse(refused.getMessage().contains("null"), refused.getMessage());
  }

  @Test
  void autoGrowsTheChunksOfQuickTasksAndComputesWhatTheBaselineDoes() throws Exception {
    Workload sumLoop = Workloads.named("sum-loop").orElseThrow();
    WorkloadSpec spec = new WorkloadSpec(2_000, 10, null);
    RunReport expected =
        WorkloadRun.run(ActorLab.mode("sequential"), sumLoop, spec, RunListener.NONE);
    RunReport auto =
        WorkloadRun.run(
            ActorLab.mode("serialize-local").workers(2).set("actorlab.tasks.batch-size", "auto"),
            sumLoop,
            spec,
            RunListener.NONE);

    assertEquals(2_000, auto.completed(), () -> "details: " + auto.details());
    assertEquals(expected.checksum(), auto.checksum(), "every result exactly once, in order");
    long chunks = auto.boundary().byType().get("io.actorlab.actor.Worker$Run").sent();
    assertTrue(chunks < 2_000 / 4, chunks + " chunks for 2000 tasks of microseconds");
  }

  @Test
  void autoSpreadsSlowTasksOverEveryWorkerEvenAfterQuickOnesGrewItsChunks() throws Exception {
    try (WorkerPool pool =
        ActorLab.mode("threads").workers(2).set("actorlab.tasks.batch-size", "auto").start()) {
      pool.map(new Overlap(), Collections.nCopies(2_000, ""));
      String key = UUID.randomUUID().toString();

      List<Integer> overlaps = pool.map(new Overlap(), Collections.nCopies(8, key));

      assertEquals(2, Collections.max(overlaps), "both workers ran slow tasks at the same time");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lots", "2.5"})
  void aBatchSizeThatIsNeitherAutoNorAWholeNumberIsRefusedNamingTheKeyAndTheForms(String value) {
    ActorLab lab = ActorLab.mode("threads").workers(1).set("actorlab.tasks.batch-size", value);
    ConfigException refused = assertThrows(ConfigException.class, () -> lab.start().close());
    assertTrue(refused.getMessage().contains("actorlab.tasks.batch-size"), refused.getMessage());
    assertTrue(refused.getMessage().contains("auto or a whole number"), refused.getMessage());
  }

  /**
   * With an empty input it returns at once; with a key it sleeps 200 ms and returns how many tasks of
   * that key ran at the same time, at most, so far.
   */
  public static final class Overlap implements Task<String, Integer> {
    private static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> MOST = new ConcurrentHashMap<>();

    @Override
    public Integer run(String key, TaskContext context) throws InterruptedException {
      if (key.isEmpty()) {
        return 0;
      }
      AtomicInteger running = RUNNING.computeIfAbsent(key, k -> new AtomicInteger());
      AtomicInteger most = MOST.computeIfAbsent(key, k -> new AtomicInteger());
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(200);
      } finally {
        running.decrementAndGet();
      }
      return most.get();
    }
  }

  private static <T> List<T> joined(List<CompletableFuture<T>> futures) throws Exception {
    List<T> values = new ArrayList<>();
    for (CompletableFuture<T> future : futures) {
      values.add(future.get(30, TimeUnit.SECONDS));
    }
    return values;
  }
}
