package io.actorlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.actorlab.api.ActorLab;
import io.actorlab.api.Square;
import io.actorlab.api.WorkerPool;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two processes runs at once never clash: every node takes a free port of its own. */
class ConcurrentRunsTest {

  @AfterEach
  void nothingLeft() {
    Descendants.assertNoneLeft();
  }

  @Test
  void twoClustersAtOnce() throws Exception {
    CompletableFuture<List<Long>> first = CompletableFuture.supplyAsync(ConcurrentRunsTest::squares);
    CompletableFuture<List<Long>> second = CompletableFuture.supplyAsync(ConcurrentRunsTest::squares);
    assertEquals(List.of(1L, 4L, 9L), first.get(120, TimeUnit.SECONDS));
    assertEquals(List.of(1L, 4L, 9L), second.get(120, TimeUnit.SECONDS));
  }

  private static List<Long> squares() {
    try (WorkerPool pool = ActorLab.mode("processes").workers(1).start()) {
      return pool.map(new Square(), List.of(1, 2, 3));
    }
  }
}
