package org.bertlab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.lang3.StringUtils;
import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.testing.TestModels;
import org.bertlab.core.weights.NamedTensor;
import org.bertlab.core.weights.Safetensors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The hostile files of the robustness report, one by one: each ends in a {@link ModelLoadException} that names the
 * file and the problem, in well under a second, with no large allocation.
 */
class HostileFilesTest {

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

    private static ModelLoadException refused(final Path path, final String... expected) {
        return ModelLoadErrorsTest.assertFails(path, expected);
    }

    private JsonObject json(final String file) throws IOException {
        return JsonParser.parseString(Files.readString(good.resolve(file))).getAsJsonObject();
    }

    private void write(final String file, final JsonObject json) throws IOException {
        Files.writeString(good.resolve(file), json.toString());
    }

    @Test
    void aTinyOnnxFileDeclaringAHugeTensorIsRefusedBeforeAllocating() throws IOException {
        // ModelProto{graph{initializer{dims 50000, 40000; data_type FLOAT; name; raw_data of 4 bytes}}}
        final byte[] name = "embeddings.word_embeddings.weight".getBytes(StandardCharsets.UTF_8);
        final ByteBuffer tensor = ByteBuffer.allocate(64).put(new byte[]{0x08, (byte)0xD0, (byte)0x86, 0x03, 0x08,
            (byte)0xC0, (byte)0xB8, 0x02, 0x10, 0x01, 0x42, (byte)name.length}).put(name).put(new byte[]{0x4A, 4, 0, 0,
                0, 0});
        final byte[] t = java.util.Arrays.copyOf(tensor.array(), tensor.position());
        final byte[] graph = concat(new byte[]{0x2A, (byte)t.length}, t);
        final byte[] model = concat(new byte[]{0x3A, (byte)graph.length}, graph);
        assertTrue(model.length < 100, "a file of " + model.length + " bytes");
        Files.delete(good.resolve("model.safetensors"));
        Files.write(good.resolve("model.onnx"), model);
        refused(good, "model.onnx", "raw_data has 4 bytes", "[50000, 40000]");
    }

    @Test
    void aTokenIdOfTwoBillionIsRefused() throws IOException {
        final JsonObject tokenizer = json("tokenizer.json");
        tokenizer.getAsJsonObject("model").getAsJsonObject("vocab").addProperty("huge", 2_000_000_000);
        write("tokenizer.json", tokenizer);
        refused(good, "tokenizer.json", "2000000000", "corrupt");
    }

    @Test
    void aNegativeTokenIdIsRefusedByName() throws IOException {
        final JsonObject tokenizer = json("tokenizer.json");
        tokenizer.getAsJsonObject("model").getAsJsonObject("vocab").addProperty("cat", -5);
        write("tokenizer.json", tokenizer);
        refused(good, "tokenizer.json", "'cat'", "-5", "negative");
    }

    @Test
    void aVocabularyWithoutTheUnknownTokenIsRefusedNotHandedToTheNativeTokenizer() throws IOException {
        final JsonObject tokenizer = json("tokenizer.json");
        tokenizer.getAsJsonObject("model").getAsJsonObject("vocab").remove("[UNK]");
        tokenizer.remove("added_tokens");
        write("tokenizer.json", tokenizer);
        refused(good, "tokenizer.json", "[UNK]");
    }

    @Test
    void twoBillionLayersAreRefusedAtOnce() throws IOException {
        final JsonObject config = json("config.json");
        config.addProperty("num_hidden_layers", Integer.MAX_VALUE);
        write("config.json", config);
        final long start = System.nanoTime();
        refused(good, "config.json", "num_hidden_layers", "2147483647");
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        config.addProperty("num_hidden_layers", 3);
        write("config.json", config);
        refused(good, "num_hidden_layers 3", "the weights hold 2 layers");
    }

    @Test
    void aFractionalSizeIsRefusedNotTruncated() throws IOException {
        final JsonObject config = json("config.json");
        config.addProperty("hidden_size", 8.5);
        write("config.json", config);
        refused(good, "config.json", "hidden_size", "whole number", "8.5");
    }

    @Test
    void wrongJsonTypesAreNamed() throws IOException {
        final JsonObject config = json("config.json");
        config.add("model_type", com.google.gson.JsonNull.INSTANCE);
        config.add("hidden_act", new JsonObject());
        write("config.json", config);
        final ModelLoadException e = refused(good, "config.json", "hidden_act", "must be a text, found an object");
        assertTrue(!e.getMessage().contains("JsonObject") && !e.getMessage().contains("JsonNull"), e.getMessage());
    }

    @Test
    void aBadId2labelKeyIsNamed() throws IOException {
        final JsonObject config = json("config.json");
        final JsonObject labels = new JsonObject();
        labels.addProperty("0", "negative");
        labels.addProperty("x", "positive");
        config.add("id2label", labels);
        write("config.json", config);
        final ModelLoadException e = refused(good, "config.json", "id2label key 'x'", "0..1");
        assertTrue(!e.getMessage().contains("For input string"), e.getMessage());
    }

    @Test
    void overlappingSafetensorsAreRefused() throws IOException {
        final Path file = good.resolve("model.safetensors");
        final byte[] bytes = Files.readAllBytes(file);
        final int n = (int)ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        final JsonObject header = JsonParser.parseString(new String(bytes, 8, n, StandardCharsets.UTF_8))
            .getAsJsonObject();
        // Two same-shaped tensors pointed at the same bytes.
        final var first = header.getAsJsonObject("bert.embeddings.LayerNorm.weight");
        final var second = header.getAsJsonObject("bert.embeddings.LayerNorm.bias");
        second.add("data_offsets", first.get("data_offsets").deepCopy());
        final byte[] newHeader = StringUtils.rightPad(header.toString(), n).getBytes(StandardCharsets.UTF_8);
        assertEquals(n, newHeader.length);
        System.arraycopy(newHeader, 0, bytes, 8, n);
        Files.write(file, bytes);
        refused(good, "model.safetensors", "overlap", "embeddings.LayerNorm");
    }

    @Test
    void nanWeightsAreRefusedNamingTheTensor() throws IOException {
        final Map<String, NamedTensor> tensors = new LinkedHashMap<>(Safetensors.readFolder(good));
        final NamedTensor bias = tensors.get("bert.encoder.layer.1.output.dense.bias") != null
            ? tensors.get("bert.encoder.layer.1.output.dense.bias") : tensors.get("encoder.layer.1.output.dense.bias");
        final float[] values = bias.values().clone();
        values[3] = Float.NaN;
        tensors.put(bias.name(), new NamedTensor(bias.name(), bias.shape(), values));
        Safetensors.write(good.resolve("model.safetensors"), List.copyOf(tensors.values()), Map.of());
        refused(good, "encoder.layer.1.output.dense.bias", "NaN", "index 3");
    }

    @Test
    void foldersWithOnlyPthOrCkptGetThePickleMessage() throws IOException {
        for (final String name : List.of("model.pth", "last.ckpt", "weights.pt")) {
            final Path folder = Files.createDirectories(dir.resolve(name + "-folder"));
            Files.copy(good.resolve("config.json"), folder.resolve("config.json"));
            Files.write(folder.resolve(name), new byte[]{(byte)0x80, 2});
            refused(folder, name, "unpickling can run arbitrary code");
        }
    }

    @Test
    void aFormatErrorNamesTheFileOnce() throws IOException {
        Files.write(good.resolve("model.safetensors"), new byte[]{1, 2, 3});
        final ModelLoadException e = refused(good, "model.safetensors");
        assertEquals(1, StringUtils.countMatches(e.getMessage(), good.resolve("model.safetensors").toString()),
            e.getMessage());
    }

    @Test
    void aHugeRandomBertIsRefusedBeforeAllocating() throws IOException {
        final IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class,
            () -> BertConfig.of(30000, 50000, 2, 10, 200000, 512));
        assertTrue(overflow.getMessage().contains("hidden_size 50000 x hidden_size 50000 = 2500000000"),
            overflow.getMessage());
        final BertConfig tooBig = BertConfig.of(30000, 16384, 48, 16, 65536, 512);
        try (var tokenizer = org.bertlab.core.tokenize.BertTokenizer.fromFolder(dir.resolve("vocab"), true, 16)) {
            final ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelLoader.createRandom(tooBig, tokenizer, LoadOptions.DEFAULT, 1).close());
            assertTrue(e.getMessage().contains("BERTLAB_JAVA_OPTS"), e.getMessage());
        }
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        final byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
