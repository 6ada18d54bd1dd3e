package org.redisee.event;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialExecutorTest {

    @Test
    void aTaskThatThrowsDoesNotStopTheTasksAfterIt() throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "serial-executor-test");
            thread.setUncaughtExceptionHandler((t, e) -> { }); // the thrown error is expected here
            return thread;
        });
        try {
            SerialExecutor serial = new SerialExecutor(threads);
            List<Integer> ran = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            serial.execute(() -> ran.add(1));
            serial.execute(() -> {
                throw new StackOverflowError("as deeply nested JSON caused in a JSON-B reader");
            });
            serial.execute(() -> ran.add(3));
            serial.execute(() -> {
                throw new IllegalStateException("an observer failed");
            });
            serial.execute(() -> {
                ran.add(5);
                done.countDown();
            });
            assertTrue(done.await(5, TimeUnit.SECONDS), "the tasks after the failing ones ran: " + ran);
            assertEquals(List.of(1, 3, 5), ran, "in order");
        } finally {
            threads.shutdownNow();
        }
    }
}
