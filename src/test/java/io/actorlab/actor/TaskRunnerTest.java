package io.actorlab.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What a task message may name: only a {@link io.actorlab.task.Task} is ever initialized and built. */
class TaskRunnerTest {

  /** Set by {@link NotATask}'s static initializer, should it ever run. */
  static final AtomicBoolean INITIALIZED = new AtomicBoolean();

  /** A class on the class path that is not a task, and does something when initialized. */
  static final class NotATask {
    static {
      INITIALIZED.set(true);
    }
  }

  private final TaskRunner runner =
      new TaskRunner(
          TaskGuard.NONE, TaskRunnerTest.class.getClassLoader(), output -> 0, new RunningTasks());

  @Test
  void aClassThatIsNotATaskFailsTheTaskWithoutBeingInitialized() {
    TaskOutcome outcome = runner.run(1, NotATask.class.getName(), null); // .class does not initialize

    assertFalse(outcome.succeeded(), outcome::toString);
    assertEquals(ClassCastException.class.getName(), outcome.errorClass());
    assertTrue(outcome.errorMessage().contains("does not implement"), outcome.errorMessage());
    assertFalse(INITIALIZED.get(), "the named class's static initializer ran");
  }

  @Test
  void anUnknownClassFailsTheTaskNamingIt() {
    TaskOutcome outcome = runner.run(2, "com.example.NoSuchTask", null);

    assertEquals(ClassNotFoundException.class.getName(), outcome.errorClass());
    assertTrue(outcome.errorMessage().contains("com.example.NoSuchTask"), outcome.errorMessage());
  }
}
