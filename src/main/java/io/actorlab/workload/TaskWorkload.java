package io.actorlab.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.actorlab.task.InputSource;
import io.actorlab.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The user's own {@link Task} run as a workload ({@code --task}): its inputs come from a file, one per
 * line, or from the task itself when it is an {@link InputSource}; its checksum is a digest of the
 * outputs' string forms in input order, so every mode can be checked to compute the same answer.
 *
 * <p>A line of the inputs file becomes the task's input type (the {@code I} of {@code Task<I, O>}): as
 * written for {@code String}, else read as JSON with Jackson — {@code 42}, {@code 2.5}, {@code true},
 * {@code [1, 2]}, or an object such as {@code {"name": "a", "size": 3}} mapped onto a record or bean.
 * Blank lines and lines starting with {@code #} are skipped.
 */
public final class TaskWorkload implements Workload {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Task<?, ?> task;
  private final Path inputsFile;
  private final List<Object> fileInputs;

  private TaskWorkload(Task<?, ?> task, Path inputsFile, List<Object> fileInputs) {
    this.task = task;
    this.inputsFile = inputsFile;
    this.fileInputs = fileInputs;
  }

  /**
   * The task with inputs read from {@code inputsFile} now, so a bad line fails before any run.
   *
   * @throws IllegalArgumentException naming the file (and line) that cannot be read as the task's input
   */
  public static TaskWorkload withInputsFile(Task<?, ?> task, Path inputsFile) {
    return new TaskWorkload(task, inputsFile, readInputs(inputsFile, inputType(task)));
  }

  /**
   * The task making its own inputs.
   *
   * @throws IllegalArgumentException when the task is no {@link InputSource}, saying how to give inputs
   */
  public static TaskWorkload withOwnInputs(Task<?, ?> task) {
    if (!(task instanceof InputSource)) {
      throw new IllegalArgumentException(
          "task "
              + task.getClass().getName()
              + " has no inputs: give --inputs FILE (one input per line), or let the class implement "
              + InputSource.class.getName()
              + " to make them from --tasks and --size");
    }
    return new TaskWorkload(task, null, null);
  }

  /** The type of {@code I} in the task's {@code Task<I, O>}; Object when it is not declared. */
  static JavaType inputType(Task<?, ?> task) {
    JavaType[] parameters =
        TypeFactory.defaultInstance().constructType(task.getClass()).findTypeParameters(Task.class);
    return parameters.length == 2
        ? parameters[0]
        : TypeFactory.defaultInstance().constructType(Object.class);
  }

  private static List<Object> readInputs(Path file, JavaType type) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--inputs " + file + ": no such file");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --inputs " + file, e);
    }
    List<Object> inputs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      inputs.add(parse(line, type, file, i + 1));
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException(
          "--inputs " + file + ": no inputs in it (one per line; blank and # lines are skipped)");
    }
    return inputs;
  }

  private static Object parse(String line, JavaType type, Path file, int number) {
    if (type.hasRawClass(String.class)) {
      return line;
    }
    try {
      return JSON.readValue(line, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file
              + ":"
              + number
              + ": cannot read this line as the task's input type "
              + type.toCanonical()
              + " (JSON, e.g. 42, \"text\" or {\"field\": 1}): "
              + e.getOriginalMessage(),
          e);
    }
  }

  @Override
  public String name() {
    return task.getClass().getName();
  }

  @Override
  public String description() {
    return inputsFile == null
        ? "your task, inputs from its inputs(tasks, size)"
        : "your task, inputs from " + inputsFile;
  }

  @Override
  public String sizeMeaning() {
    return inputsFile == null ? "passed to the task's inputs(tasks, size)" : "not used: inputs come from the file";
  }

  @Override
  public long defaultSize() {
    return inputsFile == null ? ((InputSource<?>) task).defaultSize() : 1;
  }

  /** With an inputs file, its number of inputs. */
  @Override
  public int defaultTasks() {
    return inputsFile == null ? ((InputSource<?>) task).defaultTasks() : fileInputs.size();
  }

  /**
   * With an inputs file, {@code spec.tasks()} inputs taken from it in order, starting over at its first
   * line when the file has fewer.
   */
  @Override
  public PreparedWorkload<Object, Object> prepare(WorkloadSpec spec) {
    SpecChecks.variant(this, spec);
    @SuppressWarnings("unchecked")
    Task<Object, Object> run = (Task<Object, Object>) task;
    List<Object> inputs = new ArrayList<>(spec.tasks());
    if (inputsFile != null) {
      for (int i = 0; i < spec.tasks(); i++) {
        inputs.add(fileInputs.get(i % fileInputs.size()));
      }
    } else {
      inputs.addAll(((InputSource<?>) task).inputs(spec.tasks(), spec.size()));
      if (inputs.size() != spec.tasks()) {
        throw new IllegalArgumentException(
            name() + ".inputs(" + spec.tasks() + ", " + spec.size() + ") returned " + inputs.size()
                + " inputs; it must return one per task");
      }
    }
    return new PreparedRun<>(
        run, inputs, (outputs, counters) -> WorkloadResult.of(Digest.ofStrings(stringForms(outputs))));
  }

  private List<String> stringForms(List<Object> outputs) {
    List<String> forms = new ArrayList<>(outputs.size());
    for (Object output : outputs) {
      forms.add(stringForm(output));
    }
    return forms;
  }

  /** What the checksum digests: toString(), element by element for arrays. */
  private String stringForm(Object output) {
    if (output == null) {
      return "null";
    }
    if (output.getClass().isArray()) {
      return Arrays.deepToString(new Object[] {output});
    }
    try {
      if (output.getClass().getMethod("toString").getDeclaringClass() == Object.class) {
        throw new IllegalArgumentException(
            "the output of task "
                + name()
                + " is a "
                + output.getClass().getName()
                + ", whose toString() is Object's (its identity, different in every JVM), so the"
                + " checksum cannot compare modes by it: override toString() in it (a record has one)");
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("every class has toString()", e);
    }
    return output.toString();
  }
}
