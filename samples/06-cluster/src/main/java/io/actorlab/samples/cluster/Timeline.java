package io.actorlab.samples.cluster;

/** Prints lines stamped with the seconds since the sample started, from any thread, one at a time. */
final class Timeline {

  private final long startNanos = System.nanoTime();

  /** Prints {@code line} after the elapsed time. */
  synchronized void print(String line) {
    System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
  }
}
