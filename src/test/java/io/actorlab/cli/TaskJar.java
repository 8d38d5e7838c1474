package io.actorlab.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources against this JVM's class path into a jar, at test time, so that the classes in
 * it are on no class path of the test: only {@code --jar} can bring them in.
 */
final class TaskJar {

  private TaskJar() {}

  /**
   * Writes {@code sources} (class name to source text) under {@code dir}, compiles them and packs the
   * classes into {@code dir/name}.
   */
  static Path build(Path dir, String name, Map<String, String> sources) throws IOException {
    Path src = Files.createDirectories(dir.resolve(name + "-src"));
    Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--release", "17",
                "-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString()));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), UTF_8);
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter log = new StringWriter();
    int code =
        javac.run(null, new WriterStream(log), new WriterStream(log), args.toArray(String[]::new));
    if (code != 0) {
      throw new AssertionError("javac failed:\n" + log);
    }
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  /** javac's output into a StringWriter. */
  private static final class WriterStream extends OutputStream {
    private final StringWriter target;

    WriterStream(StringWriter target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      target.write(b);
    }
  }
}
