package io.actorlab.cluster;

/** The processes mode: one worker actor in each of two worker JVMs. */
class ProcessesModeTest extends WorkerJvmModeTest {
  ProcessesModeTest() {
    super("processes");
  }
}
