package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's life cycle as the launcher drives it; no JVM is started. */
class ClassDataSharingTest {

  @TempDir Path dir;

  /** Stands for the jar the workers run from. */
  private Path jar;

  @BeforeEach
  void jar() throws IOException {
    jar = Files.writeString(dir.resolve("app.jar"), "classes");
  }

  @Test
  void theFirstWorkerWritesTheArchiveAndLaterOnesUseIt() throws IOException {
    ClassDataSharing sharing = ClassDataSharing.in(dir.toString(), jar.toString());
    List<String> first = sharing.options();
    assertTrue(sharing.writesArchive(first), "the first worker should write the archive: " + first);
    assertEquals(List.of(), sharing.options(), "only one worker at a time writes it");

    Path dump = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
    assertEquals(dir, dump.getParent());
    Files.write(dump, new byte[] {1, 2, 3}); // what the JVM does as it exits
    sharing.exited(first, 0);

    assertFalse(Files.exists(dump), "the dump is moved into place");
    assertTrue(Files.isRegularFile(sharing.archive()));
    assertEquals(List.of("-XX:SharedArchiveFile=" + sharing.archive()), sharing.options());
  }

  @Test
  void archivesGoToThisUsersCacheFolderNeverToTheSharedTemporaryFolder() throws IOException {
    assertEquals(
        Path.of("/home/ann/.cache/actorlab"), ClassDataSharing.defaultFolder(null, "/home/ann"));
    assertEquals(
        Path.of("/cache/ann/actorlab"), ClassDataSharing.defaultFolder("/cache/ann", "/home/ann"));
    assertEquals(
        Path.of("/home/ann/.cache/actorlab"),
        ClassDataSharing.defaultFolder("relative", "/home/ann"),
        "a relative XDG_CACHE_HOME is invalid and ignored");
    assertEquals(null, ClassDataSharing.defaultFolder(null, "?"), "no home: no archive");

    ClassDataSharing sharing = ClassDataSharing.in("", jar.toString());
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    assertFalse(sharing.archive().startsWith(tmp), sharing.archive() + " is under " + tmp);
  }

  @Test
  void theFolderItCreatesIsThisUsersOnly() throws IOException {
    Path folder = dir.resolve("new").resolve("cds");
    ClassDataSharing sharing = ClassDataSharing.in(folder.toString(), jar.toString());
    assertTrue(sharing.writesArchive(sharing.options()));
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
  }

  @Test
  void aKilledWorkersHalfWrittenArchiveIsDroppedAndTheNextOneTriesAgain() throws IOException {
    ClassDataSharing sharing = ClassDataSharing.in(dir.toString(), jar.toString());
    List<String> first = sharing.options();
    Path dump = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
    Files.write(dump, new byte[] {1});
    sharing.exited(first, 137); // SIGKILL: the file may be cut short
    assertFalse(Files.exists(sharing.archive()));
    assertFalse(Files.exists(dump));
    assertTrue(sharing.writesArchive(sharing.options()));
  }

  @Test
  void publishingReplacesOlderArchivesOfTheSameClassPathOnly() throws IOException {
    ClassDataSharing sharing = ClassDataSharing.in(dir.toString(), jar.toString());
    String name = sharing.archive().getFileName().toString();
    Path olderBuild = dir.resolve(name.substring(0, name.lastIndexOf('-') + 1) + "0123456789ab.jsa");
    Path otherClassPath = dir.resolve("worker-0123456789ab-0123456789ab.jsa");
    Files.write(olderBuild, new byte[] {1});
    Files.write(otherClassPath, new byte[] {1});

    List<String> first = sharing.options();
    Files.write(Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length())), new byte[] {1});
    sharing.exited(first, 143); // SIGTERM: the JVM's exit path wrote it whole

    assertFalse(Files.exists(olderBuild), "an archive of an older build of the same class path goes");
    assertTrue(Files.exists(otherClassPath), "another class path's archive stays");
    assertTrue(Files.exists(sharing.archive()));
  }

  @Test
  void publishingAlsoDeletesArchivesNoWorkerHasUsedForTwoWeeks() throws IOException {
    ClassDataSharing sharing = ClassDataSharing.in(dir.toString(), jar.toString());
    Path stale = dir.resolve("worker-0123456789ab-0123456789ab.jsa");
    Path recent = dir.resolve("worker-ba9876543210-ba9876543210.jsa");
    Path notAnArchive = dir.resolve("notes.txt");
    for (Path file : List.of(stale, recent, notAnArchive)) {
      Files.write(file, new byte[] {1});
    }
    FileTime longAgo = FileTime.from(Instant.now().minus(ClassDataSharing.UNUSED_FOR).minusSeconds(60));
    Files.setLastModifiedTime(stale, longAgo);
    Files.setLastModifiedTime(notAnArchive, longAgo);
    Files.setLastModifiedTime(
        recent, FileTime.from(Instant.now().minus(ClassDataSharing.UNUSED_FOR).plusSeconds(3600)));

    List<String> first = sharing.options();
    Files.write(Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length())), new byte[] {1});
    sharing.exited(first, 0);

    assertFalse(Files.exists(stale), "unused for over two weeks: deleted");
    assertTrue(Files.exists(recent), "used within two weeks: kept");
    assertTrue(Files.exists(notAnArchive), "only archives are swept");
  }

  @Test
  void startingAWorkerWithTheArchiveDatesItToNow() throws IOException {
    ClassDataSharing sharing = ClassDataSharing.in(dir.toString(), jar.toString());
    Files.write(sharing.archive(), new byte[] {1});
    Files.setLastModifiedTime(sharing.archive(), FileTime.from(Instant.now().minus(Duration.ofDays(30))));

    assertEquals(List.of("-XX:SharedArchiveFile=" + sharing.archive()), sharing.options());

    Instant dated = Files.getLastModifiedTime(sharing.archive()).toInstant();
    assertTrue(dated.isAfter(Instant.now().minusSeconds(60)), "dated " + dated);
  }

  @Test
  void aClassPathWithADirectoryGetsNoArchive() {
    ClassDataSharing sharing =
        ClassDataSharing.in(dir.toString(), jar + java.io.File.pathSeparator + dir);
    assertEquals(List.of(), sharing.options());
  }

  @Test
  void offAddsNoOptions() {
    assertEquals(List.of(), ClassDataSharing.OFF.options());
    assertFalse(ClassDataSharing.OFF.writesArchive(List.of()));
  }
}
