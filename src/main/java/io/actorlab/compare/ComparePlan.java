package io.actorlab.compare;

import io.actorlab.mode.ActorLabSettings;
import io.actorlab.mode.ModeSettings;
import io.actorlab.mode.SettingsException;
import io.actorlab.report.Comparison;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which mode runs at which worker count: the cells of a comparison, and the modes left out with the
 * reason. Modes the user named must all run (one that cannot is an error, exit 2); modes chosen by
 * default are left out quietly when no file has their name, and with a note when this JVM is too old.
 *
 * @param cells the cells, in the order each round runs them: modes in the order given, and for each
 *     the worker counts in the order given
 * @param skipped the modes left out with a reason
 */
public record ComparePlan(List<Comparison.Cell> cells, List<Comparison.Skipped> skipped) {

  /**
   * Plans a comparison.
   *
   * @param modes the modes to compare, each at most once (a repeated name counts once)
   * @param chosenByUser true when the user named them, false when they are the defaults
   * @param available the modes that have a file
   * @param workerCounts the worker counts to run each mode at; empty for the configured count
   * @param settingsOf a mode's settings as its configuration gives them (with no --workers); throws a
   *     {@link SettingsException} for an unknown mode or bad configuration
   * @param javaFeature this JVM's feature release (17, 21, ...)
   * @throws SettingsException when a mode the user named cannot run, or when no mode is left
   */
  public static ComparePlan of(
      List<String> modes,
      boolean chosenByUser,
      Set<String> available,
      List<Integer> workerCounts,
      Function<String, ActorLabSettings> settingsOf,
      int javaFeature) {
    List<Comparison.Cell> cells = new ArrayList<>();
    List<Comparison.Skipped> skipped = new ArrayList<>();
    for (String mode : new LinkedHashSet<>(modes)) {
      if (!chosenByUser && !available.contains(mode)) {
        continue; // a default mode with no file here: nothing to say
      }
      ActorLabSettings settings = settingsOf.apply(mode);
      ModeSettings modeSettings = settings.mode();
      if (javaFeature < modeSettings.requiresJava()) {
        if (chosenByUser) {
          modeSettings.checkJavaVersion(javaFeature); // throws, explaining
        }
        skipped.add(
            new Comparison.Skipped(
                mode,
                "needs Java " + modeSettings.requiresJava() + ", this is Java " + javaFeature));
        continue;
      }
      if (modeSettings.runner() == ModeSettings.Runner.CALLER) {
        // Tasks run on the calling thread whatever the worker count: one cell is the whole story.
        cells.add(new Comparison.Cell(mode, 1));
      } else if (workerCounts.isEmpty()) {
        cells.add(new Comparison.Cell(mode, settings.workers()));
      } else {
        new LinkedHashSet<>(workerCounts).forEach(k -> cells.add(new Comparison.Cell(mode, k)));
      }
    }
    if (cells.isEmpty()) {
      throw new SettingsException(
          "no mode to compare: "
              + (skipped.isEmpty() ? "none of " + modes + " has a file in conf/modes" : skipped));
    }
    return new ComparePlan(List.copyOf(cells), List.copyOf(skipped));
  }
}
