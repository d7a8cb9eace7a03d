package org.bertlab.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** Plain-Java row work runs on the engine's own pool, of the engine's thread count, never on the common pool. */
class ParallelRowsTest {

    @Test
    void everyRowOnceOnTheEnginesThreads() {
        final AtomicIntegerArray calls = new AtomicIntegerArray(5000);
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        ParallelRows.forEach(0, calls.length(), i -> {
            calls.incrementAndGet(i);
            threads.add(Thread.currentThread().getName());
        });
        for (int i = 0; i < calls.length(); i++) {
            assertEquals(1, calls.get(i), "row " + i);
        }
        assertEquals(TorchThreads.count(), ParallelRows.threads());
        assertTrue(threads.stream().allMatch(n -> n.startsWith("bertlab-rows-")), "ran on " + threads);
        assertTrue(threads.size() <= TorchThreads.count(), "ran on " + threads);
    }

    @Test
    void aFailingRowFailsTheCall() {
        final IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> ParallelRows.forEach(0, 100, i -> {
                if (i == 42) {
                    throw new IllegalStateException("row 42 is bad");
                }
            }));
        assertTrue(e.getMessage().contains("row 42 is bad") || e.getCause().getMessage().contains("row 42 is bad"),
            e.toString());
    }
}
