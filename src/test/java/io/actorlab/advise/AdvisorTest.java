package io.actorlab.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The model and the recommendation, on hand-built profiles of a 2-core machine. */
class AdvisorTest {

  private static final long RIGHT = 99;
  private static final double MS = 1e6;

  private static Profile.ModeSample mode(String name, double overheadMs, long startupMs) {
    return new Profile.ModeSample(
        name, false, false, 1, 0, (long) (startupMs * MS), 0, 0, overheadMs * MS, 0, 0, RIGHT, 0);
  }

  /**
   * A mode with worker JVMs: {@code tasksPerWorker} tasks at once in each, and {@code perWorkerMs} of
   * start-up for each worker beyond the first.
   */
  private static Profile.ModeSample jvms(
      String name, int tasksPerWorker, long startupMs, long perWorkerMs) {
    return new Profile.ModeSample(
        name, false, false, tasksPerWorker, 0, (long) (startupMs * MS), (long) (perWorkerMs * MS),
        0, 0.5 * MS, 64, 0.1 * MS, RIGHT, 0);
  }

  private static Profile.ModeSample sequential() {
    return new Profile.ModeSample("sequential", true, false, 1, 0, (long) (20 * MS), 0, 0, 0, 0, 0, RIGHT, 0);
  }

  private static Profile.ModeSample gil() {
    return new Profile.ModeSample("gil", false, true, 1, 0, (long) (80 * MS), 0, 0, 0.1 * MS, 0, 0, RIGHT, 0);
  }

  private static Profile profile(int tasks, double taskMs, double cpu, Profile.ModeSample... modes) {
    return loaded(0.5, tasks, taskMs, cpu, modes);
  }

  /** A profile taken while the system's load average was {@code load}. */
  private static Profile loaded(
      double load, int tasks, double taskMs, double cpu, Profile.ModeSample... modes) {
    return new Profile(
        "primes", "", 1000, tasks, 4, 2, load, 17, taskMs * MS, cpu, RIGHT, List.of(modes));
  }

  private static Advice.Prediction of(Advice advice, String mode) {
    return advice.predictions().stream().filter(p -> p.mode().equals(mode)).findFirst().orElseThrow();
  }

  @Test
  void cpuBoundWorkGoesToThreadsOnEveryCore() {
    Advice advice =
        Advisor.advise(profile(16, 100, 1.0, sequential(), gil(), mode("threads", 0.1, 80)));

    assertEquals("threads", advice.recommended().mode());
    assertEquals(2, advice.recommended().workers()); // more threads than cores buys nothing
    assertEquals(2.0, of(advice, "threads").speedup(), 0.01);
    assertEquals(1.0, of(advice, "gil").speedup(), 0.01); // the lock serializes the CPU part
    assertEquals(1.0, of(advice, "sequential").speedup(), 1e-9);
    assertTrue(advice.reasons().get(0).contains("100% of it on the CPU: CPU-bound"), advice.reasons().get(0));
    assertTrue(advice.reasons().stream().anyMatch(r -> r.startsWith("gil: one lock serializes")));
    assertTrue(advice.reasons().get(advice.reasons().size() - 1).startsWith("so: threads with 2 workers"));
  }

  @Test
  void aBusyMachineIsSaidToMakeTheMeasurementFallShort() {
    Profile.ModeSample[] modes = {sequential(), mode("threads", 0.1, 80)};

    List<String> busy = Advisor.advise(loaded(20, 16, 100, 1.0, modes)).reasons();
    List<String> quiet = Advisor.advise(loaded(2.5, 16, 100, 1.0, modes)).reasons();

    assertTrue(
        busy.stream().anyMatch(r -> r.startsWith("the machine is busy: load average 20.0 on 2 cores")),
        busy::toString);
    assertTrue(quiet.stream().noneMatch(r -> r.startsWith("the machine is busy")), quiet::toString);
  }

  @Test
  void waitingWorkOverlapsOnMoreWorkersThanCoresEvenUnderTheGil() {
    // 20 tasks of 100 ms, 2% CPU: up to 20 workers help, the GIL does not get in the way.
    Advice advice =
        Advisor.advise(profile(20, 100, 0.02, sequential(), gil(), mode("thread-pool", 0.1, 80)));

    assertEquals(20, of(advice, "thread-pool").workers());
    assertTrue(of(advice, "thread-pool").speedup() > 15, advice.predictions()::toString);
    assertTrue(of(advice, "gil").speedup() > 15, advice.predictions()::toString);
    assertTrue(advice.reasons().get(0).contains("mostly waiting"), advice.reasons().get(0));
  }

  @Test
  void tooLittleWorkToPayForAPoolStaysSequential() {
    // 4 tasks of 1 ms: 2 ms saved at best, but the pool takes 300 ms longer to start.
    Advice advice = Advisor.advise(profile(4, 1, 1.0, sequential(), mode("threads", 0.01, 320)));

    assertEquals("sequential", advice.recommended().mode());
    String last = advice.reasons().get(advice.reasons().size() - 1);
    assertTrue(last.startsWith("so: stay sequential") && last.contains("start-up"), last);
  }

  @Test
  void overheadPerTaskIsPaidOnEveryTask() {
    // 1 ms tasks with 1 ms of overhead each: 2 workers merely break even.
    Profile profile = profile(100, 1, 1.0, sequential(), mode("serialize-local", 1, 80));

    assertEquals(100 * 2e6 / 2, Advisor.wall(profile, profile.modes().get(1), 2), 1);
    assertEquals(1.0, of(Advisor.advise(profile), "serialize-local").speedup(), 0.01);
  }

  @Test
  void eachWorkerJvmBeyondTheFirstAddsItsStartUp() {
    // 20 tasks of 100 ms, 2% CPU; a worker JVM starts in 800 ms, each more one adds 400 ms.
    // 20 workers would finish the tasks in 100 ms, after 8.4 s of start-up; 2 take 1.0 s after 1.2 s.
    Advice advice = Advisor.advise(profile(20, 100, 0.02, sequential(), jvms("processes", 1, 800, 400)));

    Advice.Prediction processes = of(advice, "processes");
    assertEquals(2, processes.workers(), advice.predictions()::toString);
    assertEquals((800 + 400) * MS, processes.startupNanos(), 1);
    assertTrue(
        advice.reasons().contains(
            "processes: each worker JVM beyond the first adds 400 ms to a start-up of 800 ms for one:"
                + " JVMs that start together share the cores"),
        advice.reasons()::toString);
  }

  @Test
  void aWorkerJvmThatRunsSeveralTasksAtOnceNeedsFewerJvmsForWaitingWork() {
    // The same waiting tasks: a hybrid JVM runs 4 at once, so one of them does what 4 would.
    Advice advice =
        Advisor.advise(
            profile(20, 100, 0.02, sequential(), jvms("processes", 1, 800, 400), jvms("hybrid", 4, 800, 400)));

    Advice.Prediction hybrid = of(advice, "hybrid");
    assertEquals(1, hybrid.workers(), advice.predictions()::toString);
    assertEquals(4, hybrid.tasksPerWorker());
    assertEquals(5 * 100.5 * MS, hybrid.wallNanos(), 1); // 5 rounds of 4 tasks of 100 + 0.5 ms
    assertEquals(800 * MS, hybrid.startupNanos(), 1);
    assertEquals("hybrid", advice.recommended().mode());
    assertTrue(
        advice.reasons().stream()
            .anyMatch(r -> r.startsWith("hybrid: each worker JVM runs 4 tasks at once")),
        advice.reasons()::toString);
    String text = AdviceReport.text(advice, java.util.Optional.empty());
    assertTrue(text.contains("recommended: hybrid with 1 worker of 4 tasks at once"), text);
    assertTrue(text.lines().anyMatch(l -> l.matches("hybrid\\s+1 x4\\s.*")), text);
  }

  @Test
  void onCpuBoundWorkTheTasksAWorkerJvmRunsAtOnceShareTheCores() {
    // 16 CPU-bound tasks of 100 ms on 2 cores: one hybrid JVM of 4 already keeps both cores busy.
    Profile profile = profile(16, 100, 1.0, sequential(), jvms("hybrid", 4, 800, 400));

    assertEquals(16 * 100.5 * MS / 2, Advisor.wall(profile, profile.modes().get(1), 1), 1);
    assertEquals(1, of(Advisor.advise(profile), "hybrid").workers());
  }

  @Test
  void modesTheSampleCannotTellApartGoToThePlainest() {
    // 16 CPU-bound tasks of 100 ms: pinned and serialize-local sampled a hair faster than threads.
    Profile.ModeSample serializing =
        new Profile.ModeSample(
            "serialize-local", false, false, 1, 0, (long) (10 * MS), 0, 0, 0.1 * MS, 64, 0.1 * MS, RIGHT, 0);
    Profile tie =
        profile(16, 100, 1.0, sequential(), mode("pinned", 0.1, 10), serializing, mode("threads", 2, 10));

    Advice advice = Advisor.advise(tie);

    assertEquals("threads", advice.recommended().mode());
    assertEquals("threads", advice.predictions().get(0).mode()); // so --verify measures it
    assertTrue(
        advice.reasons().contains(
            "pinned, serialize-local, threads are predicted within 3% of each other, closer than a"
                + " short sample tells apart: threads is the plainest of them (without a GIL's lock"
                + " first, then serializing nothing, then the default mode, threads)"),
        advice.reasons()::toString);
    // Without threads, the one that serializes nothing; and a mode clearly ahead wins on its own.
    assertEquals(
        "pinned",
        Advisor.advise(profile(16, 100, 1.0, sequential(), serializing, mode("pinned", 0.3, 10)))
            .recommended()
            .mode());
    assertEquals(
        "pinned",
        Advisor.advise(profile(16, 100, 1.0, sequential(), mode("pinned", 0.1, 10), mode("threads", 10, 10)))
            .recommended()
            .mode());
  }

  @Test
  void aModeWithAWrongAnswerIsNoCandidate() {
    Profile.ModeSample wrong =
        new Profile.ModeSample("threads", false, false, 1, 0, 0, 0, 0, 0, 0, 0, RIGHT + 1, 0);
    Advice advice = Advisor.advise(profile(16, 100, 1.0, sequential(), wrong));

    assertTrue(advice.wrongAnswer());
    assertEquals(List.of("sequential"), advice.predictions().stream().map(Advice.Prediction::mode).toList());
    assertTrue(advice.excluded().get(0).contains("different checksum"), advice.excluded().toString());
  }

  @Test
  void verifyComparesSequentialAndTheTwoBest() {
    Advice advice =
        Advisor.advise(
            profile(16, 100, 1.0, sequential(), gil(), mode("threads", 0.1, 80), mode("pinned", 0.2, 90)));

    assertEquals(
        List.of("sequential", "threads", "pinned"),
        AdviceReport.verifyModes(advice).stream().map(Advice.Prediction::mode).toList());
  }
}
