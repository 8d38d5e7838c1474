package io.actorlab.mode;

import io.actorlab.actor.TaskGuard;
import java.util.concurrent.locks.ReentrantLock;

/**
 * CPython's GIL, rebuilt for the {@code gil} mode: one lock for the whole pool, held by a task while it
 * computes and let go inside its blocking sections, as CPython lets go of the GIL around I/O. Several
 * worker threads exist, but only one computes at a time; waits overlap.
 *
 * <p>The lock is fair, so a thread coming back from I/O queues behind the others rather than barging.
 * CPython also forces the holder to let go every 5 ms (the switch interval); the JVM cannot preempt a
 * Java method, so here a computing task keeps the lock until it returns or blocks. That changes who waits,
 * not the total throughput, which is the point the mode makes.
 */
final class GlobalInterpreterLock implements TaskGuard {

  private final ReentrantLock lock = new ReentrantLock(true);

  @Override
  public void enterTask() throws InterruptedException {
    lock.lockInterruptibly();
  }

  @Override
  public void exitTask() {
    lock.unlock();
  }

  @Override
  public void enterBlocking() {
    lock.unlock();
  }

  @Override
  public void exitBlocking() {
    lock.lock();
  }
}
