package io.actorlab.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code payload}: each task receives a large {@code int[]} and returns one as large, so the cost of moving
 * data across the mode's boundary (serialization, copies, the network) shows against almost no work.
 */
public final class PayloadWorkload implements Workload {

  /** The longest array the JVM allocates reliably. */
  static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  /** Creates the workload; found through {@link java.util.ServiceLoader}. */
  public PayloadWorkload() {}

  @Override
  public String name() {
    return "payload";
  }

  @Override
  public String description() {
    return "data movement: each task gets a large int array, adds 1 to each element, returns it";
  }

  @Override
  public String sizeMeaning() {
    return "ints in each task's array (4 bytes each, sent in and sent back)";
  }

  @Override
  public long defaultSize() {
    return 250_000;
  }

  @Override
  public int defaultTasks() {
    return 32;
  }

  @Override
  public PreparedWorkload<int[], int[]> prepare(WorkloadSpec spec) {
    SpecChecks.variant(this, spec);
    SpecChecks.sizeAtMost(this, spec, MAX_ELEMENTS, "the length of one Java array");
    checkHeap(spec);
    int length = (int) spec.size();
    List<int[]> inputs = new ArrayList<>(spec.tasks());
    for (int i = 0; i < spec.tasks(); i++) {
      inputs.add(contentOf(i, length));
    }
    return new PreparedRun<>(
        new PayloadTask(), inputs, (outputs, counters) -> summarize(outputs, spec.tasks() * 4L * length));
  }

  /**
   * Refuses a run whose inputs alone would fill half the heap: the outputs need as much again, and an
   * {@link IllegalArgumentException} that says so beats an {@link OutOfMemoryError} mid-run.
   */
  private void checkHeap(WorkloadSpec spec) {
    // At most 2^31 tasks of 2^31 ints: the element count fits a long, its byte count might not.
    long inputInts = spec.tasks() * spec.size();
    long heapBytes = Runtime.getRuntime().maxMemory();
    if (inputInts > heapBytes / 2 / Integer.BYTES) {
      throw new IllegalArgumentException(
          "payload: tasks " + spec.tasks() + " x size " + spec.size() + " ints need "
              + inputInts * Integer.BYTES / (1 << 20) + " MiB of inputs and as much of outputs,"
              + " more than this JVM's heap (" + heapBytes / (1 << 20) + " MiB) holds;"
              + " lower --tasks or --size, or raise -Xmx");
    }
  }

  /**
   * Task {@code task}'s array: full-range values (the digest's running state serves as a cheap
   * deterministic scramble), so no variable-length encoding gets to shrink them.
   */
  private static int[] contentOf(int task, int length) {
    int[] values = new int[length];
    long state = Digest.add(Digest.EMPTY, task);
    for (int i = 0; i < length; i++) {
      state = Digest.add(state, i);
      values[i] = (int) (state >>> 32);
    }
    return values;
  }

  private static WorkloadResult summarize(List<int[]> outputs, long bytesEachWay) {
    long digest = Digest.EMPTY;
    for (int[] output : outputs) {
      digest = Digest.addInts(digest, output);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("bytes_each_way", bytesEachWay);
    return new WorkloadResult(digest, details);
  }
}
