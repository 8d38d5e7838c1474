package io.actorlab.workload;

import io.actorlab.task.TaskContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The blocking GET shared by the {@code http} and {@code hybrid} tasks. */
final class HttpFetcher {

  /** Time allowed on top of the server's delay before a request counts as failed. */
  private static final long TIMEOUT_MARGIN_MILLIS = 30_000;

  private HttpFetcher() {}

  /**
   * One client per JVM, created on first use (the holder idiom): tasks are stateless and a client owns a
   * selector thread and a connection pool, which every request of the JVM should share.
   */
  private static final class ClientHolder {
    static final HttpClient CLIENT =
        HttpClient.newBuilder()
            // HTTP/1.1 outright: the JDK server does not speak HTTP/2, so an upgrade attempt is wasted.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** The request timeout for a server that answers after {@code delayMillis}. */
  static long timeoutMillisFor(long delayMillis) {
    return delayMillis + TIMEOUT_MARGIN_MILLIS;
  }

  /**
   * GETs {@code url} in a blocking section and returns the body.
   *
   * @throws IOException on an I/O error, a timeout or a status other than 2xx, naming the URL
   */
  static byte[] get(String url, long timeoutMillis, TaskContext context) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(timeoutMillis)).GET().build();
    HttpResponse<byte[]> response;
    try {
      response =
          context.blocking(
              () -> ClientHolder.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray()));
    } catch (IOException e) {
      // toString, not getMessage: a ConnectException may have no message, and its class says enough.
      throw new IOException("GET " + url + " failed: " + e, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }
}
