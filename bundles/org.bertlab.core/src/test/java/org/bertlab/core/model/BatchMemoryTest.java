package org.bertlab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.bertlab.core.encoder.InferenceBackend;
import org.bertlab.core.encoder.TokenBatch;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.BaseNDManager;

/**
 * Every array a batch allocates on the PyTorch inference backend (the one embedding and prediction take on a GPU or
 * in half precision) belongs to the batch's own manager: nothing accumulates in the model's.
 */
class BatchMemoryTest {

    @TempDir
    Path dir;

    @Test
    void aThousandBatchesLeaveTheModelsManagerAsItWas() {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 1);
            InferenceBackend torch = InferenceBackends.pytorch(trainable.model().config(),
                trainable.model().parameters())) {
            final BertModel model = trainable.model();
            // The store's own manager, to count what stays attached to it.
            final BaseNDManager root = (BaseNDManager)trainable.parameters().manager();
            final int before = root.getManagedArrays().size();
            final List<TokenizedText> texts = model.tokenizer().encodeAll(List.of("the cat", "a dog runs on mat"));
            final TokenBatch.Padded batch = TokenBatch.pad(texts, model.tokenizer().padId());
            for (int i = 0; i < 1_000; i++) {
                torch.run(batch, new int[]{0, 2});
            }
            assertEquals(before, root.getManagedArrays().size());
        }
    }
}
