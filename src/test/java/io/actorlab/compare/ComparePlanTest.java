package io.actorlab.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.api.ActorLab;
import io.actorlab.mode.ActorLabSettings;
import io.actorlab.mode.ModeCatalog;
import io.actorlab.mode.SettingsException;
import io.actorlab.report.Comparison;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which mode runs at which worker count, with the real mode files of conf/. */
class ComparePlanTest {

  private static final Path CONF = Path.of("conf");
  private static final Function<String, ActorLabSettings> SETTINGS =
      mode -> ActorLabSettings.create(ActorLab.mode(CONF, mode).workers(2).config());
  private static final Set<String> AVAILABLE =
      new ModeCatalog(CONF).all().stream().map(ModeCatalog.ModeFile::name).collect(Collectors.toSet());

  private static List<String> labels(ComparePlan plan) {
    return plan.cells().stream().map(Comparison.Cell::label).toList();
  }

  @Test
  void eachModeAtEachWorkerCountButSequentialOnce() {
    ComparePlan plan =
        ComparePlan.of(List.of("sequential", "threads"), true, AVAILABLE, List.of(1, 2, 4), SETTINGS, 17);

    assertEquals(List.of("sequential x1", "threads x1", "threads x2", "threads x4"), labels(plan));
  }

  @Test
  void withoutWorkerCountsTheConfiguredOne() {
    ComparePlan plan = ComparePlan.of(List.of("threads", "gil", "threads"), true, AVAILABLE, List.of(), SETTINGS, 17);

    assertEquals(List.of("threads x2", "gil x2"), labels(plan)); // a repeated name counts once
  }

  @Test
  void aDefaultModeThisJavaCannotRunIsSkippedWithANote() {
    ComparePlan plan =
        ComparePlan.of(List.of("sequential", "virtual", "no-such-mode"), false, AVAILABLE, List.of(), SETTINGS, 17);

    assertEquals(List.of("sequential x1"), labels(plan));
    assertEquals(
        List.of(new Comparison.Skipped("virtual", "needs Java 21, this is Java 17")), plan.skipped());
  }

  @Test
  void aModeTheUserNamedMustRun() {
    SettingsException tooOld =
        assertThrows(
            SettingsException.class,
            () -> ComparePlan.of(List.of("threads", "virtual"), true, AVAILABLE, List.of(), SETTINGS, 17));
    assertTrue(tooOld.getMessage().contains("needs Java 21"), tooOld.getMessage());

    SettingsException unknown =
        assertThrows(
            SettingsException.class,
            () -> ComparePlan.of(List.of("nope"), true, AVAILABLE, List.of(), SETTINGS, 17));
    assertTrue(unknown.getMessage().contains("unknown mode 'nope'"), unknown.getMessage());
  }

  @Test
  void onJava21VirtualRuns() {
    ComparePlan plan = ComparePlan.of(List.of("virtual"), true, AVAILABLE, List.of(), SETTINGS, 21);

    assertEquals(List.of("virtual x2"), labels(plan));
  }
}
