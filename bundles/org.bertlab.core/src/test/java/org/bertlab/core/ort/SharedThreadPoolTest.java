package org.bertlab.core.ort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bertlab.core.encoder.InferenceBackend;
import org.bertlab.core.encoder.InferencePrecision;
import org.bertlab.core.encoder.LayerOutputs;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.model.BertModel;
import org.bertlab.core.runtime.TorchThreads;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ONNX Runtime session of the engine runs on the process's one pool: opening more sessions (more models, more
 * nodes) starts no more native threads, and a session on the shared pool computes what a session of its own did.
 */
class SharedThreadPoolTest {

    @TempDir
    Path dir;

    @Test
    void moreSessionsStartNoMoreThreads() throws Exception {
        try (BertModel model = TestModels.tinyRandom(dir, 3)) {
            final List<InferenceBackend> sessions = new ArrayList<>();
            try {
                sessions.add(OrtInference.create(model.config(), model.parameters(), InferencePrecision.FP32));
                assertTrue(OrtInference.sharedThreadPool(), "the engine made ONNX Runtime's environment, with one pool");
                assertEquals(TorchThreads.count(), OrtInference.threads(), "one thread count for both engines");
                final TokenBatch.Padded batch = TokenBatch.pad(List.of(encode(model, "the cat sat on the mat")),
                    model.tokenizer().padId());
                final int[] layers = {model.config().numLayers()};
                final LayerOutputs first = sessions.get(0).run(batch, layers);
                final int before = liveThreads();
                for (int i = 0; i < 6; i++) {
                    final InferenceBackend session = OrtInference.create(model.config(), model.parameters(),
                        InferencePrecision.FP32);
                    sessions.add(session);
                    assertArrayEquals(first.states()[0], session.run(batch, layers).states()[0], "same numbers on the pool");
                }
                final int added = liveThreads() - before;
                // A pool per session would add (threads - 1) native threads for each of the six; allow two for
                // threads the JVM itself starts meanwhile (compiler threads).
                assertTrue(added <= 2, "six more sessions started " + added + " threads (" + OrtInference.threads()
                    + " intra-op threads each if not shared)");
            } finally {
                sessions.forEach(InferenceBackend::close);
            }
        }
    }

    private static TokenizedText encode(final BertModel model, final String text) {
        return model.tokenizer().encode(text);
    }

    /** The threads of this process as Linux counts them, native ones included. */
    private static int liveThreads() {
        return Objects.requireNonNull(new File("/proc/self/task").list(), "no /proc/self/task").length;
    }
}
