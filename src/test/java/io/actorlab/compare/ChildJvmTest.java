package io.actorlab.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A child JVM that misbehaves is reported with what it said, and never left running. */
class ChildJvmTest {

  private static List<String> java(String... args) {
    List<String> command = new ArrayList<>(ChildJvm.javaCommand(ChildJvmTest.class.getName()));
    command.remove(command.size() - 1); // no main class: what follows says what to run
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void theCommandIsThisJvmsJavaAndClassPath() {
    List<String> command = ChildJvm.javaCommand("com.example.Main");

    assertEquals(ProcessHandle.current().info().command().orElseThrow(), command.get(0));
    assertEquals(System.getProperty("java.class.path"), command.get(command.indexOf("-cp") + 1));
    assertEquals("com.example.Main", command.get(command.size() - 1));
  }

  @Test
  void aChildThatExitsBeforeAnsweringFailsWithItsExitCodeAndOutput() throws Exception {
    ChildJvm child = ChildJvm.start("broken", java("-version"), false, Duration.ofSeconds(10));
    try {
      ChildJvm.ChildFailedException error = assertThrows(ChildJvm.ChildFailedException.class, child::run);

      assertEquals(0, error.exitCode());
      assertTrue(error.getMessage().contains("the JVM running broken failed"), error.getMessage());
      assertTrue(error.getMessage().contains("version"), "quotes its stderr: " + error.getMessage());
    } finally {
      child.close();
    }
    assertFalse(child.handle().isAlive());
  }

  @Test
  void aChildThatIgnoresItsStdinIsKilledOnClose() throws Exception {
    // `jshell`-free way to hang: a JVM that sleeps, with stdin never read.
    ChildJvm child =
        ChildJvm.start(
            "sleeper", java(Sleeper.class.getName()), false, Duration.ofMillis(500));
    long started = System.nanoTime();
    child.close();

    assertFalse(child.handle().isAlive());
    assertTrue(System.nanoTime() - started < Duration.ofSeconds(8).toNanos(), "killed promptly");
  }

  /** Sleeps for a minute, ignoring stdin. */
  public static final class Sleeper {
    private Sleeper() {}

    /** Sleeps. */
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(60_000);
    }
  }
}
