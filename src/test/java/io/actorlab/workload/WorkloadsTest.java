package io.actorlab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue as a whole: discovery, self-description, and what every task must be to travel. */
class WorkloadsTest {

  static Stream<Workload> workloads() {
    return Workloads.all().stream();
  }

  @Test
  void allFindsExactlyTheSevenBuiltInWorkloads() {
    List<String> names = Workloads.all().stream().map(Workload::name).toList();
    assertEquals(List.of("counter", "http", "hybrid", "payload", "primes", "sleep", "sum-loop"), names);
  }

  @Test
  void namedFindsOneWorkload() {
    assertEquals("sum-loop", Workloads.named("sum-loop").orElseThrow().name());
    assertTrue(Workloads.named("no-such-workload").isEmpty());
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void describesItselfWithSaneDefaults(Workload workload) {
    assertFalse(workload.description().isBlank());
    assertFalse(workload.description().contains("\n"), "description is one line");
    assertFalse(workload.sizeMeaning().isBlank());
    assertTrue(workload.defaultSize() >= 1);
    assertTrue(workload.defaultTasks() >= 1);
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void taskTravelsAsAClassNameWithPlainDataInputs(Workload workload) throws Exception {
    try (PreparedWorkload<?, ?> prepared = workload.prepare(new WorkloadSpec(2, 3, null))) {
      Class<?> taskClass = prepared.task().getClass();
      assertNull(taskClass.getEnclosingClass(), "a top-level class");
      assertTrue(Modifier.isPublic(taskClass.getModifiers()), "a public class");
      InlineRunner.freshTask(prepared); // a public no-argument constructor
      assertEquals(2, prepared.inputs().size());
      for (Object input : prepared.inputs()) {
        assertPlainData(input);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void onlyTheWorkloadsThatWaitSayTheyBlock(Workload workload) throws Exception {
    boolean waits = Set.of("sleep", "http", "hybrid").contains(workload.name());
    try (PreparedWorkload<?, ?> prepared = workload.prepare(new WorkloadSpec(1, 1, null))) {
      assertEquals(waits, prepared.task().blocking());
    }
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void refusesAnUnknownVariantNamingIt(Workload workload) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> workload.prepare(new WorkloadSpec(1, 1, "no-such-variant")));
    assertTrue(e.getMessage().contains("'no-such-variant'"), e.getMessage());
  }

  @Test
  void specRefusesNonPositiveTasksAndSize() {
    IllegalArgumentException tasks =
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSpec(0, 1, null));
    assertTrue(tasks.getMessage().contains("tasks"), tasks.getMessage());
    IllegalArgumentException size =
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSpec(1, -5, null));
    assertTrue(size.getMessage().contains("-5"), size.getMessage());
  }

  /** Records of primitives, Strings and primitive arrays, boxed numbers, Strings or primitive arrays. */
  private static void assertPlainData(Object value) throws Exception {
    Class<?> type = value.getClass();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        Class<?> field = component.getType();
        boolean plain =
            field.isPrimitive()
                || field == String.class
                || (field.isArray() && field.getComponentType().isPrimitive());
        assertTrue(plain, type.getName() + "." + component.getName() + " is " + field);
      }
      return;
    }
    boolean plain =
        value instanceof Number
            || value instanceof String
            || (type.isArray() && type.getComponentType().isPrimitive());
    assertTrue(plain, type.getName() + " is not plain data");
  }
}
