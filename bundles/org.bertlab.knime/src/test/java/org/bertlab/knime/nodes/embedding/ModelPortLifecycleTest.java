package org.bertlab.knime.nodes.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bertlab.knime.nodes.load.LoadBertTesting;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.ModelCache;
import org.bertlab.knime.testing.KnimeExtension;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The model port's life as KNIME drives it: Load BERT → Token Embedding executed and reset again and again. Each
 * reset must let go of the model, so that its native memory is freed and the process does not grow by a model per
 * cycle (the built-in model's weights are about 95 MB in fp32).
 */
@ExtendWith(KnimeExtension.class)
class ModelPortLifecycleTest {

    private static final int CYCLES = 20;

    @Test
    void twentyExecuteResetCyclesFreeEveryModel() throws Exception {
        Models.defaultModel(); // the shared test model stays open; it is not part of the cycles
        final int openBefore = ModelCache.openModels();
        final List<Long> nativeMb = new ArrayList<>();
        final List<Long> heapMb = new ArrayList<>();
        final TokenEmbeddingNodeModel embedding = TokenEmbeddingNodeModelTest.model("mean");
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            final BertModelPortObject port = LoadBertTesting.loadDefault();
            assertEquals(openBefore + 1, ModelCache.openModels(), "cycle " + cycle + ": Load BERT holds its model");
            final long loads = ModelCache.loads();
            TokenEmbeddingNodeModelTest.run(embedding, port);
            assertEquals(loads, ModelCache.loads(), "the consumer shares the producer's model, no second load");

            NodeTesting.reset(embedding);
            LoadBertTesting.release(port);
            assertEquals(openBefore, ModelCache.openModels(), "cycle " + cycle + ": reset closes the model");
            // A model's weights and ONNX Runtime session are native memory; the Java heap (up to -Xmx) grows and
            // shrinks with garbage, so it is collected and taken out of the resident size.
            System.gc();
            final long heap = Runtime.getRuntime().totalMemory() / (1024 * 1024);
            heapMb.add(heap);
            nativeMb.add(residentMegabytes() - heap);
        }
        final long afterFifth = nativeMb.get(4);
        final long last = nativeMb.get(CYCLES - 1);
        // Leaking the model every cycle would add about 15 x 95 MB between cycle 5 and 20.
        assertTrue(last - afterFifth < 300, "resident memory outside the Java heap grew from " + afterFifth + " to "
            + last + " MB (after each cycle: " + nativeMb + "; committed heap: " + heapMb + ")");
    }

    @Test
    void nodesReadingOnePortShareOneModel() throws Exception {
        final BertModelPortObject port = LoadBertTesting.loadDefault();
        try {
            final TokenEmbeddingNodeModel first = TokenEmbeddingNodeModelTest.model("mean");
            final TokenEmbeddingNodeModel second = TokenEmbeddingNodeModelTest.model("cls");
            final long loads = ModelCache.loads();
            TokenEmbeddingNodeModelTest.run(first, port);
            TokenEmbeddingNodeModelTest.run(second, port);
            assertEquals(loads, ModelCache.loads());
            try (ModelCache.Lease a = port.open(); ModelCache.Lease b = port.open()) {
                assertSame(a.model(), b.model());
            }
            NodeTesting.reset(first);
            NodeTesting.reset(second);
        } finally {
            LoadBertTesting.release(port);
        }
    }

    @Test
    void aPortReadBackLoadsItsModelOnlyWhenANodeNeedsIt() throws Exception {
        Models.defaultModel(); // the shared test model stays open; count from where it is
        final int open = ModelCache.openModels();
        final long loads = ModelCache.loads();
        final BertModelPortObject port = LoadBertTesting.loadDefault();
        final BertModelPortObject reread;
        try {
            reread = (BertModelPortObject)NodeTesting.roundTrip(port);
        } finally {
            LoadBertTesting.release(port);
        }
        // the producer's model is closed with its reset; writing and reading the port loaded none
        assertEquals(open, ModelCache.openModels(), "reading the port builds no model");
        assertEquals(loads, ModelCache.loads(), "reading the port builds no model");
        final TokenEmbeddingNodeModel node = TokenEmbeddingNodeModelTest.model("mean");
        TokenEmbeddingNodeModelTest.run(node, reread);
        assertEquals(loads + 1, ModelCache.loads(), "the first node that needs it loads it");
        assertEquals(open + 1, ModelCache.openModels());
        NodeTesting.reset(node);
        assertEquals(open, ModelCache.openModels());
    }

    private static long residentMegabytes() throws IOException {
        for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
