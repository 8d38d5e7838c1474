package io.actorlab.workload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow HTTP server on 127.0.0.1 for the {@code http} and {@code hybrid} workloads: {@code GET
 * /item/<n>} waits the configured delay, then answers a body that depends only on {@code n}.
 *
 * <p>The server runs in the JVM that prepared the run; workers in other processes on the machine reach it
 * through the URL in their input. Each request waits on its own thread (an unbounded cached pool), so
 * however many requests arrive at once they are all delayed in parallel, never queued behind each other:
 * the server is never the bottleneck being measured.
 */
final class LocalHttpServer implements AutoCloseable {

  /** The path prefix of the only resource served. */
  private static final String ITEM_PATH = "/item/";

  /** Pending connections the kernel holds before accepting; high so a burst of tasks is not refused. */
  private static final int BACKLOG = 1024;

  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

  static {
    // JDK 17's server writes a response's headers and body separately; with Nagle on, the body waits
    // for the client's delayed ACK (JDK-6968351): about 45 ms more per request, measured here. The server
    // reads this property once per JVM, when the first server is created. A user's own setting wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final long delayMillis;

  private LocalHttpServer(HttpServer server, ExecutorService executor, long delayMillis) {
    this.server = server;
    this.executor = executor;
    this.delayMillis = delayMillis;
  }

  /** Starts a server on a free port of 127.0.0.1 whose every answer waits {@code delayMillis}. */
  static LocalHttpServer start(long delayMillis) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), BACKLOG);
    // Daemon threads: a run that forgets to close must not keep the JVM alive.
    ExecutorService executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "actorlab-http-" + THREAD_NUMBER.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    LocalHttpServer local = new LocalHttpServer(server, executor, delayMillis);
    server.createContext("/", local::handle);
    server.setExecutor(executor);
    server.start();
    return local;
  }

  /** The body served for item {@code item}: a few lines whose count varies with the item. */
  static byte[] bodyOf(int item) {
    String line = "item " + item + " from the actorlab test server\n";
    return line.repeat(1 + Math.floorMod(item, 16)).getBytes(StandardCharsets.UTF_8);
  }

  /** The URL of item {@code item} on this server. */
  String urlOf(int item) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + ITEM_PATH + item;
  }

  /** Stops accepting, drops open connections and interrupts requests still waiting. Never throws. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Integer item = itemOf(exchange.getRequestURI().getPath());
      if (item == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        // close() interrupts waiting requests: leave without an answer, the server is going away.
        Thread.currentThread().interrupt();
        return;
      }
      byte[] body = bodyOf(item);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The item number in {@code /item/<n>}, or null for any other path. */
  private static Integer itemOf(String path) {
    if (path == null || !path.startsWith(ITEM_PATH)) {
      return null;
    }
    try {
      int item = Integer.parseInt(path.substring(ITEM_PATH.length()));
      return item >= 0 ? item : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
