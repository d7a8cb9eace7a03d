package org.bertlab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bertlab.core.encoder.InferenceBackend;
import org.bertlab.core.encoder.InferencePrecision;
import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model replaces its inference backend when its weights or precision change; a backend is closed only once no
 * batch runs on it, so a node changing the precision of a shared model never frees a session under another node.
 */
class RunningBackendTest {

    @TempDir
    Path dir;

    /** Counts closes, and whether one came while a batch ran. */
    private static final class CountingBackend implements InferenceBackend {

        int running;

        int closes;

        boolean closedWhileRunning;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public LayerOutputs run(final TokenBatch.Padded batch, final int[] layers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closes++;
            closedWhileRunning |= running > 0;
        }
    }

    @Test
    void aRetiredBackendIsClosedOnceWhenItsLastBatchEnds() {
        final CountingBackend backend = new CountingBackend();
        final RunningBackend running = new RunningBackend(backend);
        running.enter();
        running.enter();
        backend.running = 2;
        running.retire();
        assertEquals(0, backend.closes, "two batches still run");
        backend.running = 1;
        running.exit();
        assertEquals(0, backend.closes, "one batch still runs");
        backend.running = 0;
        running.exit();
        assertEquals(1, backend.closes);
        running.retire();
        assertEquals(1, backend.closes, "closed once");
        assertThrows(IllegalStateException.class, running::enter);
        assertTrue(!backend.closedWhileRunning);
    }

    @Test
    void anIdleBackendIsClosedWhenRetired() {
        final CountingBackend backend = new CountingBackend();
        new RunningBackend(backend).retire();
        assertEquals(1, backend.closes);
    }

    @Test
    void switchingThePrecisionWhileAnotherThreadRunsBatchesGivesEveryBatchAWholeResult() throws Exception {
        try (BertModel model = TestModels.tinyRandom(dir, 6)) {
            final TokenBatch.Padded batch = TokenBatch.pad(model.tokenizer().encodeAll(List.of(
                "the cat sat on the mat", "a dog runs", "the big red bird eats water and fish")),
                model.tokenizer().padId());
            final int[] top = {model.config().numLayers()};
            final float[] fp32 = model.runInference(batch, top).states()[0];
            model.setInferencePrecision(InferencePrecision.INT8);
            final float[] int8 = model.runInference(batch, top).states()[0];
            assertTrue(maxDifference(fp32, int8) > 1e-4, "the two precisions differ, so a result tells which ran");
            final ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                final Future<Integer> batches = reader.submit(() -> {
                    int n = 0;
                    for (; n < 400; n++) {
                        final float[] out = model.runInference(batch, top).states()[0];
                        if (maxDifference(out, fp32) > 1e-5 && maxDifference(out, int8) > 1e-5) {
                            throw new AssertionError("batch " + n + " matches neither precision");
                        }
                    }
                    return n;
                });
                for (int i = 0; !batches.isDone(); i++) {
                    model.setInferencePrecision(i % 2 == 0 ? InferencePrecision.FP32 : InferencePrecision.INT8);
                    Thread.sleep(1);
                }
                assertEquals(400, batches.get());
            } finally {
                reader.shutdown();
                assertTrue(reader.awaitTermination(1, TimeUnit.MINUTES));
            }
        }
    }

    private static double maxDifference(final float[] a, final float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
