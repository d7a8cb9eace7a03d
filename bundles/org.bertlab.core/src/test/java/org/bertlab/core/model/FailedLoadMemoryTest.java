package org.bertlab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;

/** A load that fails after the weights are placed (on a broken attachment) frees every weight it placed. */
class FailedLoadMemoryTest {

    @TempDir
    Path dir;

    /** Every array of every model's manager lives under the engine's system manager. */
    private static int openArrays() {
        return DjlRuntime.call(() -> {
            try (NDManager probe = NDManager.newBaseManager(Device.cpu(), DjlRuntime.ENGINE)) {
                return ((BaseNDManager)probe.getParentManager()).getManagedArrays().size();
            }
        });
    }

    @Test
    void aBrokenAttachmentFailsTheLoadAndLeavesNoWeightOpen() throws Exception {
        final Path saved = dir.resolve("saved");
        try (BertModel model = TestModels.tinyRandom(dir.resolve("vocab"), 1)) {
            model.save(saved);
        }
        final int before = openArrays();
        // The count sees a loaded model's weights, so an unchanged count after the failure means they were freed.
        try (BertModel loaded = ModelLoader.load(saved, LoadOptions.DEFAULT)) {
            assertEquals(before + loaded.parameters().names().size(), openArrays());
        }
        assertEquals(before, openArrays());

        Files.writeString(saved.resolve("qa_settings.json"), "{\"window_length\": ");
        final ModelLoadException e = assertThrows(ModelLoadException.class,
            () -> ModelLoader.load(saved, LoadOptions.DEFAULT));
        assertTrue(e.getMessage().contains(saved.resolve("qa_settings.json").toString()), e.getMessage());
        assertEquals(before, openArrays(), "the weights placed before the attachment failed are closed");

        Files.writeString(saved.resolve("qa_settings.json"), "[1, 2]");
        assertTrue(assertThrows(ModelLoadException.class, () -> ModelLoader.load(saved, LoadOptions.DEFAULT))
            .getMessage().contains("not a JSON object"));
        assertEquals(before, openArrays());
    }
}
