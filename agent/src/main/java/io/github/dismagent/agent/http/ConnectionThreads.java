package io.github.dismagent.agent.http;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of the agent's HTTP server. The JDK's server reads a request's head (and, over TLS, the
 * handshake) on the thread it hands the exchange to, so a client that sends its head slowly holds
 * that thread until the exchange limit cuts it. A few fixed workers would let a handful of slow
 * clients starve every scrape (docs/reliability.md, "Slow clients"); here each exchange gets a
 * thread of its own, up to {@value #MAX_THREADS} (daemon, gone after a minute idle), and only beyond
 * that do exchanges wait, at most {@value #MAX_WAITING}; beyond both the connection is dropped. How
 * many requests are served at once is bounded separately ({@link ServingLimit}), so the threads held
 * by slow heads cost memory, not CPU.
 *
 * <p>A plain {@link ThreadPoolExecutor} queues before it grows; the queue here refuses a task while
 * the pool may still grow, the well-known way (Tomcat's TaskQueue) to make it grow first.
 */
final class ConnectionThreads {
    static final int MAX_THREADS = 128;
    static final int MAX_WAITING = 256;

    private ConnectionThreads() {
    }

    static ThreadPoolExecutor create() {
        GrowFirstQueue queue = new GrowFirstQueue();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, MAX_THREADS, 60, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, "dismagent-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (task, executor) -> {
            if (!queue.enqueue(task)) {
                throw new RejectedExecutionException("more than " + MAX_THREADS + " HTTP exchanges at once and " + MAX_WAITING + " waiting");
            }
        });
        pool.allowCoreThreadTimeOut(true);
        queue.pool = pool;
        return pool;
    }

    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {
        private volatile ThreadPoolExecutor pool;

        @Override
        public boolean offer(Runnable task) {
            ThreadPoolExecutor executor = pool;
            // An idle thread takes it at once; otherwise refuse while the pool may grow, so that it grows.
            if (executor != null && executor.getActiveCount() >= executor.getPoolSize() && executor.getPoolSize() < executor.getMaximumPoolSize()) {
                return false;
            }
            return enqueue(task);
        }

        boolean enqueue(Runnable task) {
            return size() < MAX_WAITING && super.offer(task);
        }
    }
}
