package io.actorlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The user's jars and class folders ({@code --jar}, {@code --classpath}), loadable for the length of one
 * command.
 *
 * <p>They are loaded by a {@link URLClassLoader} over actorlab's own class path, installed as this
 * thread's context class loader until {@link #close()}. Pekko creates an actor system with the context
 * class loader of the thread that starts it, and everything that loads a class by name in actorlab
 * (the workers creating a task, Kryo resolving {@code actorlab.serialization.register}) goes through the
 * actor system's class loader, so the user's classes are found in every in-JVM mode. Other JVMs get
 * the entries on their class path: {@code compare}'s child JVMs through the same options, spawned
 * worker JVMs through {@code actorlab.cluster.extra-class-path} (see {@link ConfigOptions}).
 */
final class UserClasses implements AutoCloseable {

  private final List<Path> entries;
  private final URLClassLoader loader;
  private final Thread thread;
  private final ClassLoader previous;

  private UserClasses(List<Path> entries) {
    this.entries = entries;
    this.thread = Thread.currentThread();
    this.previous = thread.getContextClassLoader();
    this.loader = entries.isEmpty() ? null : new URLClassLoader(urls(entries), previous);
    if (loader != null) {
      thread.setContextClassLoader(loader);
    }
  }

  /** Installs a loader for {@code entries} (checked to exist) on this thread; none when empty. */
  static UserClasses open(List<Path> entries) {
    return new UserClasses(entries);
  }

  /** The class loader that sees actorlab's classes and the user's. */
  ClassLoader loader() {
    return loader == null ? previous : loader;
  }

  /** Where a class is looked for, for error messages. */
  String searched() {
    String own = "actorlab's own class path";
    return entries.isEmpty()
        ? own + " (add yours with --jar FILE or --classpath PATH)"
        : entries.stream().map(Path::toString).collect(Collectors.joining(", ")) + " and " + own;
  }

  @Override
  public void close() {
    if (loader != null) {
      thread.setContextClassLoader(previous);
      try {
        loader.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the loader of " + entries, e);
      }
    }
  }

  private static URL[] urls(List<Path> entries) {
    URL[] urls = new URL[entries.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = entries.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("not a usable class path entry: " + entries.get(i), e);
      }
    }
    return urls;
  }
}
