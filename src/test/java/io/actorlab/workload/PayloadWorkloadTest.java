package io.actorlab.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payload round trip: a copy plus one, leaving the inputs as they were. */
class PayloadWorkloadTest {

  @Test
  void returnsANewArrayWithEveryElementPlusOne() throws Exception {
    try (PreparedWorkload<int[], int[]> prepared =
        new PayloadWorkload().prepare(new WorkloadSpec(3, 500, null))) {
      List<int[]> before = new ArrayList<>();
      for (int[] input : prepared.inputs()) {
        assertEquals(500, input.length);
        before.add(input.clone());
      }
      List<int[]> outputs = InlineRunner.outputs(prepared, new TestTaskContext());
      for (int t = 0; t < 3; t++) {
        assertArrayEquals(before.get(t), prepared.inputs().get(t), "input left as it was");
        for (int i = 0; i < 500; i++) {
          assertEquals(before.get(t)[i] + 1, outputs.get(t)[i]);
        }
      }
      WorkloadResult result = prepared.summarize(outputs, name -> 0);
      assertEquals(3 * 500 * 4L, result.details().get("bytes_each_way"));
    }
  }

  @Test
  void tasksGetDifferentArrays() {
    try (PreparedWorkload<int[], int[]> prepared =
        new PayloadWorkload().prepare(new WorkloadSpec(2, 100, null))) {
      assertTrue(prepared.inputs().get(0)[0] != prepared.inputs().get(1)[0]);
    }
  }

  @Test
  void anArrayLongerThanJavaAllowsIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PayloadWorkload().prepare(new WorkloadSpec(1, 3_000_000_000L, null)));
    assertTrue(e.getMessage().contains("3000000000"), e.getMessage());
  }

  @Test
  void inputsBeyondTheHeapAreRefusedBeforeAllocating() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PayloadWorkload().prepare(new WorkloadSpec(1_000_000, 1_000_000, null)));
    assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
  }
}
