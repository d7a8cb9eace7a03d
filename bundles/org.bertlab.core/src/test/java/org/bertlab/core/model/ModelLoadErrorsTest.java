package org.bertlab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bertlab.core.testing.TestModels;
import org.bertlab.core.weights.NamedTensor;
import org.bertlab.core.weights.Safetensors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad model input fails with a message that names the file and the problem. */
class ModelLoadErrorsTest {

    @TempDir
    Path dir;

    private Path good;

    @BeforeEach
    void saveATinyModel() throws IOException {
        good = dir.resolve("good");
        try (BertModel model = TestModels.tinyRandom(dir.resolve("vocab"), 5)) {
            model.save(good);
        }
    }

    /** Loading {@code path} fails with a {@link ModelLoadException} whose message holds every expected part. */
    static ModelLoadException assertFails(final Path path, final String... expected) {
        final ModelLoadException e = assertThrows(ModelLoadException.class,
            () -> ModelLoader.load(path, LoadOptions.DEFAULT).close());
        for (final String part : expected) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void theSavedTinyModelLoads() throws IOException {
        try (BertModel model = ModelLoader.load(good, LoadOptions.DEFAULT)) {
            assertEquals(TestModels.tinyConfig().hiddenSize(), model.config().hiddenSize());
            assertEquals(List.of("pooler", "masked-lm"), model.headNames());
        }
    }

    @Test
    void missingConfig() throws IOException {
        Files.delete(good.resolve("config.json"));
        assertFails(good, "config.json", "not found");
    }

    @Test
    void configWithoutNeededFields() throws IOException {
        Files.writeString(good.resolve("config.json"), "{\"model_type\": \"bert\", \"vocab_size\": 100}");
        assertFails(good, "config.json", "hidden_size", "missing");
    }

    @Test
    void configOfAnotherArchitecture() throws IOException {
        Files.writeString(good.resolve("config.json"), "{\"model_type\": \"gpt2\"}");
        assertFails(good, "config.json", "gpt2");
    }

    @Test
    void tokenizerMissing() throws IOException {
        for (final String f : List.of("tokenizer.json", "vocab.txt")) {
            Files.delete(good.resolve(f));
        }
        assertFails(good, good.toString(), "tokenizer.json or vocab.txt");
    }

    @Test
    void truncatedSafetensorsHeader() throws IOException {
        final Path file = good.resolve("model.safetensors");
        final byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, 40));
        assertFails(good, "model.safetensors");
    }

    @Test
    void corruptSafetensorsHeader() throws IOException {
        final Path file = good.resolve("model.safetensors");
        final byte[] bytes = Files.readAllBytes(file);
        for (int i = 8; i < 30; i++) {
            bytes[i] = '#';
        }
        Files.write(file, bytes);
        assertFails(good, "model.safetensors");
    }

    @Test
    void tensorOfTheWrongShape() throws IOException {
        final Path file = good.resolve("model.safetensors");
        final Map<String, NamedTensor> tensors = Safetensors.read(file);
        final String name = "bert.encoder.layer.1.attention.self.query.weight";
        tensors.put(name, new NamedTensor(name, new long[]{16, 64}, new float[16 * 64]));
        Safetensors.write(file, tensors.values(), Map.of());
        assertFails(good, "model.safetensors", "encoder.layer.1.attention.self.query.weight", "[16, 64]",
            "[32, 32]");
    }

    @Test
    void missingEncoderWeightIsNamed() throws IOException {
        final Path file = good.resolve("model.safetensors");
        final Map<String, NamedTensor> tensors = Safetensors.read(file);
        tensors.remove("bert.embeddings.LayerNorm.weight");
        Safetensors.write(file, tensors.values(), Map.of());
        assertFails(good, "model.safetensors", "embeddings.LayerNorm.weight", "missing");
    }

    @Test
    void onnxFileThatIsNotBert() throws IOException {
        final Path folder = dir.resolve("onnx");
        Files.createDirectories(folder);
        Files.copy(good.resolve("config.json"), folder.resolve("config.json"));
        Files.copy(good.resolve("vocab.txt"), folder.resolve("vocab.txt"));
        // A valid ONNX ModelProto whose graph holds one float initializer named "foo".
        final byte[] tensor = concat(new byte[]{0x08, 0x01, 0x10, 0x01, 0x42, 0x03}, "foo".getBytes(
            StandardCharsets.US_ASCII), new byte[]{0x4a, 0x04, 0, 0, (byte)0x80, 0x3f});
        final byte[] graph = concat(new byte[]{0x2a, (byte)tensor.length}, tensor);
        final byte[] model = concat(new byte[]{0x3a, (byte)graph.length}, graph);
        Files.write(folder.resolve("model.onnx"), model);
        assertFails(folder, "model.onnx", "not a BERT");
    }

    @Test
    void pickleCheckpointIsRefusedWithHowToConvert() throws IOException {
        Files.delete(good.resolve("model.safetensors"));
        Files.write(good.resolve("pytorch_model.bin"), new byte[]{(byte)0x80, 0x02});
        assertFails(good, "pytorch_model.bin", "arbitrary code", "safe_serialization");
    }

    @Test
    void emptyFolder() throws IOException {
        final Path empty = Files.createDirectories(dir.resolve("empty"));
        assertFails(empty, empty.toString(), "empty");
    }

    @Test
    void noSuchPath() {
        assertFails(dir.resolve("nope"), "nope", "no such file");
    }

    private static byte[] concat(final byte[]... parts) {
        int n = 0;
        for (final byte[] p : parts) {
            n += p.length;
        }
        final byte[] out = new byte[n];
        int at = 0;
        for (final byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
