package io.actorlab.workload;

/**
 * A built-in workload: a named kind of work with deterministic inputs and a checksum over its results, so
 * that every mode can be checked to compute the same answer. Implementations are found with
 * {@link java.util.ServiceLoader}; see {@link Workloads}.
 */
public interface Workload {

  /** The name users type, e.g. {@code primes}. */
  String name();

  /** One line for {@code actorlab workloads}. */
  String description();

  /** What {@code --size} means for this workload, e.g. "count primes below this number". */
  String sizeMeaning();

  /** The size used when the user gives none; small enough for a first run of a few seconds. */
  long defaultSize();

  /** The number of tasks used when the user gives none. */
  int defaultTasks();

  /** The variants this workload accepts (the first is the default); empty when it has none. */
  default java.util.List<String> variants() {
    return java.util.List.of();
  }

  /**
   * Prepares one run: builds the inputs and starts whatever must live during the run (a local HTTP
   * server, shared state). The caller closes the result when the run is over.
   *
   * @throws IllegalArgumentException when the spec is out of range, with a message naming the bad value
   */
  PreparedWorkload<?, ?> prepare(WorkloadSpec spec) throws java.io.IOException;
}
