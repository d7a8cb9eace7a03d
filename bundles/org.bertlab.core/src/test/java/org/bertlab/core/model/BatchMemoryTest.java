package org.bertlab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;

/** Every array a batch allocates belongs to the batch's manager: nothing accumulates in the model's. */
class BatchMemoryTest {

    @TempDir
    Path dir;

    @Test
    void tenThousandBatchesLeaveTheModelsManagerAsItWas() {
        try (BertModel model = TestModels.tinyRandom(dir, 1)) {
            final BaseNDManager root = (BaseNDManager)model.parameters().manager();
            final int before = root.getManagedArrays().size();
            final List<TokenizedText> texts = model.tokenizer().encodeAll(List.of("the cat", "a dog runs on mat"));
            for (int i = 0; i < 10_000; i++) {
                try (NDManager m = model.newBatchManager()) {
                    model.encode(m, texts, 2).last().toFloatArray();
                }
            }
            assertEquals(before, root.getManagedArrays().size());
        }
    }
}
