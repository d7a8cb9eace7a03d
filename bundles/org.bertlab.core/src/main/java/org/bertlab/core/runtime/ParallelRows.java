package org.bertlab.core.runtime;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Rows of plain-Java work (cosine ranking) spread over the engine's one Java pool of {@link TorchThreads#count()}
 * threads, rather than the JVM's common pool, which is as large as the machine and shared with everything else in
 * KNIME. With PyTorch's pool and ONNX Runtime's shared pool of the same size, one number is the engine's thread
 * budget however many nodes run at once.
 */
public final class ParallelRows {

    private static ForkJoinPool pool;

    private ParallelRows() {
    }

    /** Calls {@code body} for every row from {@code from} (inclusive) to {@code to}, in parallel, in no set order. */
    public static void forEach(final int from, final int to, final IntConsumer body) {
        pool().submit(() -> IntStream.range(from, to).parallel().forEach(body)).join();
    }

    /** The pool's size, the engine's thread count. */
    public static int threads() {
        return pool().getParallelism();
    }

    private static synchronized ForkJoinPool pool() {
        if (pool == null) {
            pool = new ForkJoinPool(TorchThreads.count(), p -> {
                final ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                t.setName("bertlab-rows-" + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            }, null, false);
        }
        return pool;
    }
}
