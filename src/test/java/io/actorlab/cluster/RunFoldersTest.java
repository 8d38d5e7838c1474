package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorlab.api.ActorLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each run's folder of worker output is its own, and old ones under the temporary folder go. */
class RunFoldersTest {

  @TempDir Path dir;

  @Test
  void poolsStartedInTheSameSecondGetFoldersOfTheirOwn() throws IOException {
    ClusterSettings cluster =
        ClusterSettings.create(
            ActorLab.mode("processes").set("actorlab.cluster.log-dir", dir.toString()).config());
    NodeLauncher first = NodeLauncher.create(cluster);
    NodeLauncher second = NodeLauncher.create(cluster);
    try {
      assertNotEquals(first.logDir(), second.logDir());
      assertEquals(dir, first.logDir().getParent());
      try (Stream<Path> folders = Files.list(dir)) {
        assertEquals(2, folders.count());
      }
    } finally {
      first.close();
      second.close();
    }
  }

  @Test
  void foldersNothingWroteToSinceTheCutOffAreDeletedWithTheirFiles() throws IOException {
    Instant cutOff = Instant.now().minus(NodeLauncher.DEFAULT_LOGS_KEPT_FOR);
    FileTime before = FileTime.from(cutOff.minusSeconds(3600));
    Path old = Files.createDirectories(dir.resolve("20260101-000000-1-1"));
    Path oldLog = Files.writeString(old.resolve("worker-1.log"), "old");
    Files.setLastModifiedTime(oldLog, before);
    Files.setLastModifiedTime(old, before);
    // An old folder whose log is still being written: a pool kept running for days.
    Path kept = Files.createDirectories(dir.resolve("20260101-000000-2-1"));
    Files.writeString(kept.resolve("worker-1.log"), "still running");
    Files.setLastModifiedTime(kept, before);
    Path recent = Files.createDirectories(dir.resolve("20260101-000000-3-1"));
    Path file = Files.writeString(dir.resolve("not-a-run.txt"), "x");
    Files.setLastModifiedTime(file, before);

    NodeLauncher.deleteRunsOlderThan(dir, cutOff);

    assertFalse(Files.exists(old), "nothing written for longer than kept: deleted");
    assertTrue(Files.exists(kept.resolve("worker-1.log")), "a file written lately keeps its folder");
    assertTrue(Files.exists(recent));
    assertTrue(Files.exists(file), "only folders are swept");
  }
}
