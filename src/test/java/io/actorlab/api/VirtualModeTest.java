package io.actorlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.actorlab.mode.SettingsException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The virtual mode really runs tasks on virtual threads on Java 21+ (Pekko would silently fall back to
 * platform threads), and on older Java refuses to start with an explanation instead.
 */
class VirtualModeTest {

  @Test
  void tasksRunOnVirtualThreadsOnJava21AndLater() {
    assumeTrue(Runtime.version().feature() >= 21, "needs Java 21+; .ci/run runs it on one if present");
    try (WorkerPool pool = ActorLab.mode("virtual").workers(2).start()) {
      assertEquals(List.of("virtual", "virtual", "virtual"), pool.map(new ThreadName(), List.of(1, 2, 3)));
    }
  }

  @Test
  void otherModesRunOnPlatformThreads() {
    try (WorkerPool pool = ActorLab.mode("threads").workers(2).start()) {
      assertEquals(List.of("platform", "platform"), pool.map(new ThreadName(), List.of(1, 2)));
    }
  }

  @Test
  void olderJavaGetsAClearError() {
    assumeTrue(Runtime.version().feature() < 21, "this JVM has virtual threads");
    SettingsException refused =
        assertThrows(SettingsException.class, () -> ActorLab.mode("virtual").start());
    assertTrue(refused.getMessage().contains("needs Java 21"), refused.getMessage());
    assertTrue(refused.getMessage().contains("JAVA_HOME"), refused.getMessage());
  }
}
