package io.actorlab.workload;

import java.util.List;

/** Checks of a {@link WorkloadSpec} that depend on the workload, with messages naming the bad value. */
final class SpecChecks {

  private SpecChecks() {}

  /**
   * The variant this run uses: the spec's, or the workload's default when the spec gives null or "".
   *
   * @return "" for a workload without variants
   * @throws IllegalArgumentException for a variant the workload does not have, listing the valid ones
   */
  static String variant(Workload workload, WorkloadSpec spec) {
    List<String> valid = workload.variants();
    String asked = spec.variant();
    if (asked == null || asked.isEmpty()) {
      return valid.isEmpty() ? "" : valid.get(0);
    }
    if (valid.isEmpty()) {
      throw new IllegalArgumentException(
          "workload '" + workload.name() + "' has no variants, got variant '" + asked + "'");
    }
    if (!valid.contains(asked)) {
      throw new IllegalArgumentException(
          "unknown variant '" + asked + "' of workload '" + workload.name() + "'; valid: "
              + String.join(", ", valid));
    }
    return asked;
  }

  /** Refuses a size above {@code max}, saying what the size means for this workload. */
  static void sizeAtMost(Workload workload, WorkloadSpec spec, long max, String why) {
    if (spec.size() > max) {
      throw new IllegalArgumentException(
          "size of workload '" + workload.name() + "' must be at most " + max + " (" + why + "), got "
              + spec.size());
    }
  }
}
