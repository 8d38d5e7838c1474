package io.actorlab.api;

import io.actorlab.task.Task;
import java.lang.reflect.Modifier;

/**
 * Checks at submit that a task can be named and re-created by a worker, as Python checks that a function
 * can be pickled by reference, and gives its class name.
 */
public final class TaskClasses {

  private TaskClasses() {}

  /** The class name workers use to create the task; refuses what they could not create. */
  static String nameOf(Task<?, ?> task) {
    if (task == null) {
      throw new IllegalArgumentException("task is null");
    }
    check(task.getClass());
    return task.getClass().getName();
  }

  /**
   * Refuses a class workers could not create a task from: a lambda, an anonymous, local or inner class,
   * a class that is not public, or one without a public no-argument constructor.
   *
   * @throws IllegalArgumentException naming the class, what is wrong and the fix
   */
  public static void check(Class<?> type) {
    String fix =
        " Workers create their own instance of a task from its class name, so make it a top-level"
            + " (or static nested) public class with a public no-argument constructor.";
    if (type.isSynthetic() || type.getSimpleName().contains("$$Lambda")) {
      throw new IllegalArgumentException(
          "a lambda or method reference cannot be a task (" + type.getName() + ")." + fix);
    }
    if (type.isAnonymousClass() || type.isLocalClass()) {
      throw new IllegalArgumentException(
          "an anonymous or local class cannot be a task (" + type.getName() + ")." + fix);
    }
    if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
      throw new IllegalArgumentException(
          "an inner (non-static) class cannot be a task (" + type.getName() + ")." + fix);
    }
    if (!Modifier.isPublic(type.getModifiers())) {
      throw new IllegalArgumentException("task class " + type.getName() + " is not public." + fix);
    }
    try {
      if (!Modifier.isPublic(type.getConstructor().getModifiers())) {
        throw new NoSuchMethodException();
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "task class " + type.getName() + " has no public no-argument constructor." + fix, e);
    }
  }
}
