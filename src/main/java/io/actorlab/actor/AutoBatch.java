package io.actorlab.actor;

/**
 * The chunk size of {@code actorlab.tasks.batch-size = auto}, in the spirit of joblib's auto-batching:
 * it starts at one task and, each time a chunk has been answered, compares the chunk's time from
 * hand-off to answer with {@link #TARGET_NANOS}. A full chunk that took under half of it grows the
 * size towards the target, at most {@link #GROWTH} times at once, so one fast outlier cannot make a
 * chunk huge; a chunk that took over twice the target shrinks it at once, in proportion. In between,
 * or for a chunk cut short (by the queue, the balance rule or the message limit), the size stays: a
 * lone task's time is mostly its messages' round trip and says little about the next full chunk.
 * At the target a message costs at most a few percent of a chunk's time (one costs tens of
 * microseconds between threads, a few hundred across processes), while a chunk stays short enough not
 * to hold the end of a run back.
 *
 * <p>Balance comes first: no chunk takes more than the queued tasks divided by twice the worker count,
 * so the last tasks of a run still spread over every worker. The time of a chunk is measured by the
 * coordinator, so it includes the messages' round trip and, with {@code prefetch} above 1, the wait
 * behind the chunk before it: both make chunks smaller, never larger, than the tasks alone would.
 */
final class AutoBatch {

  /** What a chunk should take, from hand-off to answer: 20 ms. */
  static final long TARGET_NANOS = 20_000_000;

  /** The most a chunk grows from one answered chunk to the next. */
  static final int GROWTH = 4;

  private int size = 1;

  /** A chunk of {@code tasks} tasks was answered {@code nanos} after it was handed off. */
  void answered(int tasks, long nanos) {
    long ideal = Math.max(1, tasks * TARGET_NANOS / Math.max(1, nanos));
    if (nanos > 2 * TARGET_NANOS) {
      size = (int) Math.min(size, ideal);
    } else if (nanos < TARGET_NANOS / 2 && tasks >= size) {
      size = (int) Math.min(ideal, (long) size * GROWTH);
    }
  }

  /** The size of the next chunk, with {@code queued} tasks waiting and {@code workers} workers. */
  int next(int queued, int workers) {
    return Math.max(1, Math.min(size, queued / (2 * Math.max(1, workers))));
  }
}
