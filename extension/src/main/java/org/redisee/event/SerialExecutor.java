package org.redisee.event;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** Runs tasks one at a time, in the order given, on another executor's threads. */
final class SerialExecutor implements Executor {

    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor threads;
    private boolean running;

    SerialExecutor(Executor threads) {
        this.threads = threads;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
        if (!running) {
            running = true;
            threads.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            boolean completed = false;
            try {
                task.run();
                completed = true;
            } finally {
                if (!completed) {
                    // The task threw (its thread reports it): the tasks after it still run, on a fresh drain, rather
                    // than waiting forever behind a "running" flag that no thread will clear.
                    synchronized (this) {
                        running = false;
                        if (!tasks.isEmpty()) {
                            running = true;
                            threads.execute(this::drain);
                        }
                    }
                }
            }
        }
    }
}
