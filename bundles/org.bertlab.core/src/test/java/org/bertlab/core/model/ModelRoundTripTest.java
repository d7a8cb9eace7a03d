package org.bertlab.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.bertlab.core.weights.NamedTensor;
import org.bertlab.core.weights.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

class ModelRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void embeddedModelSavesAsAHuggingFaceFolderAndLoadsWithIdenticalOutputs() throws IOException {
        final BertModel original = TestModels.embedded();
        final Path saved = dir.resolve("bge-saved");
        original.save(saved);

        for (final String f : List.of("config.json", "model.safetensors", "tokenizer.json", "vocab.txt",
            "tokenizer_config.json")) {
            assertTrue(Files.isRegularFile(saved.resolve(f)), f);
        }
        final JsonObject config = JsonParser.parseString(Files.readString(saved.resolve("config.json")))
            .getAsJsonObject();
        assertEquals("BertModel", config.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals(8, config.get("num_attention_heads").getAsInt());
        final Map<String, NamedTensor> tensors = Safetensors.read(saved.resolve("model.safetensors"));
        assertTrue(tensors.containsKey("encoder.layer.3.attention.self.query.weight"));
        assertArrayEquals(new long[]{21128, 512}, tensors.get("embeddings.word_embeddings.weight").shape());

        try (BertModel loaded = ModelLoader.load(saved, LoadOptions.DEFAULT)) {
            assertTrue(loaded.tokenizer().lowercase(), "the lower-casing choice travels with the saved tokenizer");
            final List<String> texts = TestModels.mixedSentences();
            assertArrayEquals(hidden(original, texts), hidden(loaded, texts));
        }
    }

    @Test
    void taskModelsSaveTheEncoderUnderTheBertPrefixAndLoadBack() throws IOException {
        try (BertModel model = TestModels.tinyRandom(dir.resolve("tiny"), 3)) {
            final Path saved = dir.resolve("tiny-saved");
            model.save(saved);
            final Map<String, NamedTensor> tensors = Safetensors.read(saved.resolve("model.safetensors"));
            assertTrue(tensors.containsKey("bert.embeddings.word_embeddings.weight"), tensors.keySet().toString());
            assertTrue(tensors.containsKey("cls.predictions.bias"));
            assertTrue(Files.readString(saved.resolve("config.json")).contains("BertForMaskedLM"));
            try (BertModel loaded = ModelLoader.load(saved, LoadOptions.DEFAULT)) {
                assertEquals(model.headNames(), loaded.headNames());
                final List<String> texts = List.of("the cat sat", "a big red dog runs on the mat");
                assertArrayEquals(hidden(model, texts), hidden(loaded, texts));
            }
        }
    }

    @Test
    void savingOverAnEarlierSaveReplacesTheModelFilesAndNothingElse() throws IOException {
        try (BertModel model = TestModels.tinyRandom(dir.resolve("tiny"), 3);
            BertModel other = TestModels.tinyRandom(dir.resolve("tiny2"), 4)) {
            final Path saved = dir.resolve("out");
            other.save(saved);
            Files.writeString(saved.resolve("notes.txt"), "mine");
            model.save(saved);
            assertEquals("mine", Files.readString(saved.resolve("notes.txt")));
            try (BertModel loaded = ModelLoader.load(saved, LoadOptions.DEFAULT)) {
                final List<String> texts = List.of("the cat sat");
                assertArrayEquals(hidden(model, texts), hidden(loaded, texts));
            }
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".out")),
                    "no staging folder is left behind");
            }
        }
    }

    static float[] hidden(final BertModel model, final List<String> texts) {
        final List<TokenizedText> enc = model.tokenizer().encodeAll(texts);
        try (NDManager m = model.newBatchManager()) {
            return TestModels.encode(model, m, enc, model.config().numLayers()).last().toFloatArray();
        }
    }
}
