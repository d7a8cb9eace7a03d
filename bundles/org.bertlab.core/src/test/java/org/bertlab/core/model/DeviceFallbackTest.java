package org.bertlab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.bertlab.core.runtime.DeviceChoice;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asking for a device that is not there runs elsewhere and says so. */
class DeviceFallbackTest {

    @TempDir
    Path dir;

    @Test
    void aMissingGpuFallsBackToTheCpuWithANote() throws IOException {
        final Path saved = dir.resolve("tiny");
        try (BertModel model = TestModels.tinyRandom(dir.resolve("v"), 1)) {
            model.save(saved);
        }
        final int gpus = DjlRuntime.engine().getGpuCount();
        final LoadOptions options = LoadOptions.DEFAULT.withDevice(DeviceChoice.parse("gpu:" + gpus));
        try (BertModel model = ModelLoader.load(saved, options)) {
            assertEquals(ai.djl.Device.cpu(), model.device());
            assertTrue(model.deviceNote().contains("GPU " + gpus) && model.deviceNote().contains("CPU"),
                model.deviceNote());
            assertTrue(model.describe().contains(model.deviceNote()));
        }
    }

    @Test
    void halfPrecisionOnTheCpuFallsBackToFp32WithANote() throws IOException {
        final Path saved = dir.resolve("tiny");
        try (BertModel model = TestModels.tinyRandom(dir.resolve("v"), 1)) {
            model.save(saved);
        }
        try (BertModel model = ModelLoader.load(saved, LoadOptions.DEFAULT.withPrecision("fp16"))) {
            assertEquals(ai.djl.ndarray.types.DataType.FLOAT32, model.dataType());
            assertTrue(model.deviceNote().contains("fp16"), model.deviceNote());
        }
    }

    @Test
    void bf16IsRefusedBeforeAnyTensorExists() {
        // Creating a bfloat16 tensor through DJL 0.36 ends the JVM; the refusal must come from the options alone.
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> LoadOptions.DEFAULT.withPrecision("BF16"));
        assertTrue(refused.getMessage().contains("bf16") && refused.getMessage().contains("fp16"),
            refused.getMessage());
    }

    @Test
    void deviceNamesAreParsedOrRefused() {
        assertEquals(DeviceChoice.CPU, DeviceChoice.parse("cpu"));
        assertEquals(new DeviceChoice(0), DeviceChoice.parse("gpu"));
        assertEquals(new DeviceChoice(2), DeviceChoice.parse("cuda:2"));
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("tpu"));
    }
}
