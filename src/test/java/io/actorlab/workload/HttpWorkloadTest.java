package io.actorlab.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local server and the tasks that call it: http, and hybrid which computes on the answer. */
class HttpWorkloadTest {

  private final TestTaskContext context = new TestTaskContext();

  @Test
  void servesEachItemsBodyOnLoopback() throws Exception {
    try (PreparedWorkload<HttpTask.Request, Long> prepared =
        new HttpWorkload().prepare(new WorkloadSpec(3, 1, null))) {
      List<Long> outputs = InlineRunner.outputs(prepared, context);
      for (int i = 0; i < 3; i++) {
        String url = prepared.inputs().get(i).url();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/item/" + i), url);
        assertEquals(Digest.ofBytes(LocalHttpServer.bodyOf(i)), outputs.get(i));
      }
    }
  }

  @Test
  void closeStopsTheServerSoALaterRequestFailsNamingItsUrl() throws Exception {
    HttpTask.Request request;
    try (PreparedWorkload<HttpTask.Request, Long> prepared =
        new HttpWorkload().prepare(new WorkloadSpec(1, 1, null))) {
      request = prepared.inputs().get(0);
      new HttpTask().run(request, context); // served while open, over a connection the client keeps
    }
    IOException e = assertThrows(IOException.class, () -> new HttpTask().run(request, context));
    assertTrue(e.getMessage().contains(request.url()), e.getMessage());
  }

  @Test
  void anErrorStatusFailsTheTaskNamingTheUrl() throws Exception {
    try (PreparedWorkload<HttpTask.Request, Long> prepared =
        new HttpWorkload().prepare(new WorkloadSpec(1, 1, null))) {
      HttpTask.Request original = prepared.inputs().get(0);
      String missing = original.url().replace("/item/0", "/nothing-here");
      HttpTask.Request request = new HttpTask.Request(missing, original.timeoutMillis());
      IOException e = assertThrows(IOException.class, () -> new HttpTask().run(request, context));
      assertTrue(e.getMessage().contains(missing), e.getMessage());
      assertTrue(e.getMessage().contains("404"), e.getMessage());
    }
  }

  @Test
  void aDelayBeyondTheLimitIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new HttpWorkload().prepare(new WorkloadSpec(1, 3_600_000, null)));
    assertTrue(e.getMessage().contains("3600000"), e.getMessage());
  }

  @Test
  void hybridCountsPrimesBelowItsSizePlusTheBodyLength() throws Exception {
    try (PreparedWorkload<HybridTask.Job, Long> prepared =
        new HybridWorkload().prepare(new WorkloadSpec(2, 1_000, null))) {
      List<Long> outputs = InlineRunner.outputs(prepared, context);
      for (int i = 0; i < 2; i++) {
        long bound = 1_000 + LocalHttpServer.bodyOf(i).length;
        assertEquals(PrimeCounting.countBelow(bound), outputs.get(i));
      }
    }
  }
}
