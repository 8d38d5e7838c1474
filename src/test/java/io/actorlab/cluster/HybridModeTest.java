package io.actorlab.cluster;

/** The hybrid mode: a pool of worker threads in each of two worker JVMs. */
class HybridModeTest extends WorkerJvmModeTest {
  HybridModeTest() {
    super("hybrid");
  }
}
