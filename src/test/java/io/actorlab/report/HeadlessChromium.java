package io.actorlab.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Opens a page in a real headless Chromium, for tests: the DOM after the page's scripts ran, and every
 * message the page wrote to the console (errors and uncaught exceptions among them).
 *
 * <p>Without a {@code chromium} on the PATH the tests that need it are skipped, saying how to install
 * it, unless {@value #REQUIRE} is set (as {@code .ci/run} does after installing it): then they fail.
 */
public final class HeadlessChromium {

  /** Environment variable that turns "no browser" from a skip into a failure. */
  public static final String REQUIRE = "ACTORLAB_REQUIRE_BROWSER";

  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
  private static final long TIMEOUT_SECONDS = 90;

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /** What a page did. */
  public record Page(String dom, List<String> console) {}

  /** The browser, or the test is skipped (or failed, under {@value #REQUIRE}). */
  public static HeadlessChromium require() {
    Optional<Path> found = find();
    String why =
        "no chromium on the PATH: install it (apt-get install chromium) to run the browser tests;"
            + " .ci/run does";
    if (found.isEmpty() && System.getenv(REQUIRE) != null) {
      fail(why + " — and " + REQUIRE + " is set, so this is a failure, not a skip");
    }
    Assumptions.assumeTrue(found.isPresent(), why);
    return new HeadlessChromium(found.get());
  }

  /** The first browser on the PATH. */
  public static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : NAMES) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Loads the page, lets its scripts run (up to 10 s of virtual time), and returns the DOM and the
   * console messages.
   */
  public Page open(Path html, Path scratch) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(common(scratch));
    args.add("--dump-dom");
    args.add(html.toUri().toString());
    Run run = run(args, scratch);
    List<String> console =
        run.stderr.lines().filter(line -> line.contains(":CONSOLE")).collect(Collectors.toList());
    return new Page(run.stdout, console);
  }

  /** Saves a screenshot of the page as a PNG, for a person to look at. */
  public void screenshot(Path html, Path png, int width, int height, Path scratch)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(common(scratch));
    args.add("--window-size=" + width + "," + height);
    args.add("--screenshot=" + png.toAbsolutePath());
    args.add(html.toUri().toString());
    run(args, scratch);
  }

  private List<String> common(Path scratch) {
    return List.of(
        executable.toString(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + scratch.resolve("profile").toAbsolutePath(),
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=10000");
  }

  private record Run(String stdout, String stderr) {}

  private static Run run(List<String> args, Path scratch) throws IOException, InterruptedException {
    Path out = scratch.resolve("chromium.out");
    Path err = scratch.resolve("chromium.err");
    Process process =
        new ProcessBuilder(args)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        fail("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + Files.readString(err, UTF_8));
      }
      if (process.exitValue() != 0) {
        fail("chromium exited with " + process.exitValue() + ":\n" + Files.readString(err, UTF_8));
      }
      return new Run(Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
