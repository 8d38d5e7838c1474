package io.actorlab.workload;

import java.util.Map;

/**
 * The summary of a finished run.
 *
 * @param checksum a deterministic digest of the results: equal in every mode when the work was right
 * @param details workload-specific figures (e.g. expected, actual and lost counter updates), in a stable
 *     order, with values that are numbers, strings or booleans
 */
public record WorkloadResult(long checksum, Map<String, Object> details) {

  /** A result with no details. */
  public static WorkloadResult of(long checksum) {
    return new WorkloadResult(checksum, Map.of());
  }
}
