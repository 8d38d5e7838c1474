package io.actorlab.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Class data sharing for worker JVMs: an AppCDS archive of the classes a worker loads (Pekko, Scala,
 * Kryo, actorlab), so later workers map them ready-parsed instead of loading and verifying thousands of
 * classes at start.
 *
 * <p>The archive is made on first use, not by the build: the first worker a launcher starts when there
 * is no archive runs with {@code -XX:ArchiveClassesAtExit} and writes it when its JVM exits (a normal
 * exit; a killed JVM writes nothing, and the next run tries again); every worker started once the
 * archive exists runs with {@code -XX:SharedArchiveFile}. An archive belongs to one JDK and one class
 * path with its files' sizes and dates, which name the file: a rebuilt jar gets a new archive, and
 * publishing one deletes the older archives of the same JDK and class path, and any archive no worker
 * has started with for {@link #UNUSED_FOR}. The JVM checks the archive
 * again itself and ignores one that does not match (with a warning in the worker's log), so a stale
 * archive costs speed, never correctness. A class path with directories (under {@code mvn test} or an
 * IDE) gets no archive: the JVM cannot archive classes from directories, and they change with every
 * build, while writing the rest would only slow those workers' exit.
 *
 * <p>A dump is written to a temporary name and moved into place when its JVM has exited, so two runs
 * making the same archive at once never expose a half-written file.
 */
public final class ClassDataSharing {

  /** Numbers the dumps of this JVM: pools running at once must not write to one file. */
  private static final AtomicLong DUMPS = new AtomicLong();

  /** An archive no worker has started with for this long is deleted when another is published. */
  static final Duration UNUSED_FOR = Duration.ofDays(14);

  /** The exit code of a JVM stopped by SIGTERM, which still runs its exit path. */
  private static final int SIGTERM_EXIT = 128 + 15;

  /** Workers start with no archive options. */
  public static final ClassDataSharing OFF = new ClassDataSharing(null, null, false);

  private final Path archive;
  private final Path dump;
  /** Whether the folder is the default one, which may be missing its parent: then no archive. */
  private final boolean inDefaultFolder;
  private final AtomicBoolean dumping = new AtomicBoolean();

  private ClassDataSharing(Path archive, Path dump, boolean inDefaultFolder) {
    this.archive = archive;
    this.dump = dump;
    this.inDefaultFolder = inDefaultFolder;
  }

  /**
   * Class data sharing for workers that run this JVM's {@code java} with {@code classPath}, with
   * archives in {@code dir} ("" for {@link #defaultFolder}); {@link #OFF} when the class path has a
   * directory, or when {@code dir} is "" and this user has no home folder.
   */
  static ClassDataSharing in(String dir, String classPath) {
    for (String entry : classPath.split(File.pathSeparator)) {
      if (new File(entry).isDirectory()) {
        return OFF;
      }
    }
    Path folder =
        dir.isEmpty()
            ? defaultFolder(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"))
            : Paths.get(dir);
    if (folder == null) {
      return OFF;
    }
    String name =
        "worker-"
            + hash(System.getProperty("java.home") + "|" + Runtime.version() + "|" + classPath)
            + "-"
            + hash(fileStamps(classPath));
    return new ClassDataSharing(
        folder.resolve(name + ".jsa"),
        folder.resolve(
            name + ".jsa." + ProcessHandle.current().pid() + "-" + DUMPS.incrementAndGet() + ".tmp"),
        dir.isEmpty());
  }

  /**
   * Where archives go unless {@code class-data-dir} says otherwise: {@code actorlab} in this user's
   * cache folder ({@code $XDG_CACHE_HOME}, else {@code ~/.cache}), the folder {@code bin/actorlab}
   * keeps its own archive in. Never a folder other users can write to, such as the temporary folder: a
   * JVM trusts the classes of an archive it maps, so an archive planted there would run its code in
   * every worker. Null when there is no home folder.
   */
  static Path defaultFolder(String xdgCacheHome, String userHome) {
    if (xdgCacheHome != null && Paths.get(xdgCacheHome).isAbsolute()) {
      return Paths.get(xdgCacheHome, "actorlab");
    }
    if (userHome == null || userHome.isEmpty() || userHome.equals("?")) {
      return null;
    }
    return Paths.get(userHome, ".cache", "actorlab");
  }

  /** The archive workers use once it exists. */
  public Path archive() {
    return archive;
  }

  /**
   * The JVM options of the next worker: use the archive if there is one; else, for one worker of this
   * launcher at a time, write it at exit; else none. Call {@link #exited} when that worker's JVM has
   * ended.
   */
  public List<String> options() {
    if (archive == null) {
      return List.of();
    }
    if (Files.isRegularFile(archive)) {
      markUsed();
      return List.of("-XX:SharedArchiveFile=" + archive);
    }
    if (dumping.compareAndSet(false, true)) {
      try {
        createPrivately(dump.getParent());
      } catch (IOException e) {
        if (inDefaultFolder) {
          dumping.set(false);
          return List.of(); // a home folder that cannot be written to only costs start-up time
        }
        throw new UncheckedIOException(
            "cannot create the class data folder " + dump.getParent()
                + " (set actorlab.cluster.class-data-dir, or class-data-sharing = off)",
            e);
      }
      // -Xlog: the dump lists every class it skips (JFR events, old class files) as a warning.
      return List.of("-XX:ArchiveClassesAtExit=" + dump, "-Xlog:cds=off");
    }
    return List.of();
  }

  /**
   * A worker started with {@code options} has exited with {@code exitCode}: if it was writing the
   * archive and exited normally or on SIGTERM (both write it whole), publish what it wrote and delete
   * the older archives of this JDK and class path; if it was killed, drop what may be half written.
   */
  public void exited(List<String> options, int exitCode) {
    if (!writesArchive(options)) {
      return;
    }
    try {
      boolean whole = exitCode == 0 || exitCode == SIGTERM_EXIT;
      if (whole && Files.isRegularFile(dump) && Files.size(dump) > 0) {
        Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        deleteOlderArchives();
      } else {
        Files.deleteIfExists(dump);
      }
    } catch (IOException e) {
      // A missing archive only costs start-up time; the next run tries again.
    } finally {
      dumping.set(false);
    }
  }

  /** Creates {@code folder}, and any parent missing, readable and writable by this user only. */
  private static void createPrivately(Path folder) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(
          folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(folder);
    }
  }

  /** Whether a worker started with {@code options} writes the archive when it exits. */
  public boolean writesArchive(List<String> options) {
    return dump != null && options.contains("-XX:ArchiveClassesAtExit=" + dump);
  }

  /**
   * Dates the archive to now, so that {@link #deleteOlderArchives} keeps it: the modification time of
   * an archive is when a worker last started with it. Best effort: a read-only folder only costs the
   * sweep's accuracy.
   */
  private void markUsed() {
    try {
      Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // Another user's archive, or a read-only folder: it is still used as it is.
    }
  }

  /**
   * Deletes the older archives of this JDK and class path, and every archive of this folder that no
   * worker has started with for {@link #UNUSED_FOR}: those of class paths that no longer exist (an
   * older actorlab, a deleted checkout), which would otherwise pile up at ~45 MB each.
   */
  private void deleteOlderArchives() throws IOException {
    String name = archive.getFileName().toString();
    String sameClassPath = name.substring(0, name.lastIndexOf('-') + 1);
    Instant unusedSince = Instant.now().minus(UNUSED_FOR);
    try (DirectoryStream<Path> archives =
        Files.newDirectoryStream(archive.getParent(), "worker-*.jsa")) {
      for (Path file : archives) {
        if (file.equals(archive)) {
          continue;
        }
        if (file.getFileName().toString().startsWith(sameClassPath)
            || Files.getLastModifiedTime(file).toInstant().isBefore(unusedSince)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** Each class path entry's size and modification time: they change when a jar is rebuilt. */
  private static String fileStamps(String classPath) {
    StringBuilder stamps = new StringBuilder();
    for (String entry : classPath.split(File.pathSeparator)) {
      File file = new File(entry);
      stamps.append(file.length()).append('@').append(file.lastModified()).append(';');
    }
    return stamps.toString();
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
