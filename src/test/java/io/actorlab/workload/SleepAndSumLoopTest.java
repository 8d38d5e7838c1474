package io.actorlab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two simplest workloads: what their tasks return and whether they say they block. */
class SleepAndSumLoopTest {

  @Test
  void sleepReturnsEachTasksIndexAndSaysItBlocks() throws Exception {
    try (PreparedWorkload<SleepTask.Nap, Integer> prepared =
        new SleepWorkload().prepare(new WorkloadSpec(3, 1, null))) {
      assertEquals(List.of(0, 1, 2), InlineRunner.outputs(prepared, new TestTaskContext()));
      assertTrue(prepared.task().blocking());
    }
  }

  @Test
  void sumLoopTasksStartFromDifferentSeedsAndDoNotBlock() throws Exception {
    try (PreparedWorkload<SumLoopTask.Loop, Long> prepared =
        new SumLoopWorkload().prepare(new WorkloadSpec(2, 1_000, null))) {
      List<Long> outputs = InlineRunner.outputs(prepared, new TestTaskContext());
      assertNotEquals(outputs.get(0), outputs.get(1));
      assertFalse(prepared.task().blocking());
    }
  }
}
