package org.bertlab.core.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFolderTest {

    private static final String SHARD1 = "model-00001-of-00002.safetensors";

    private static final String SHARD2 = "model-00002-of-00002.safetensors";

    @TempDir
    Path dir;

    private final NamedTensor a = new NamedTensor("embeddings.word_embeddings.weight", new long[]{2, 2},
        new float[]{1, 2, 3, 4});

    private final NamedTensor b = new NamedTensor("encoder.layer.0.output.dense.bias", new long[]{3},
        new float[]{5, 6, 7});

    private final NamedTensor c = new NamedTensor("pooler.dense.weight", new long[]{1, 2}, new float[]{8, 9});

    @BeforeEach
    void writeShards() throws IOException {
        Safetensors.write(dir.resolve(SHARD1), List.of(a, b), Map.of());
        Safetensors.write(dir.resolve(SHARD2), List.of(c), Map.of());
        Files.writeString(dir.resolve(Safetensors.INDEX_FILE), "{\"metadata\": {\"total_size\": 36},\n"
            + " \"weight_map\": {\n"
            + "  \"" + a.name() + "\": \"" + SHARD1 + "\",\n"
            + "  \"" + c.name() + "\": \"" + SHARD2 + "\",\n"
            + "  \"" + b.name() + "\": \"" + SHARD1 + "\"}}");
    }

    @Test
    void readsShardsInIndexOrder() throws IOException {
        final Map<String, NamedTensor> t = Safetensors.readFolder(dir);
        assertEquals(List.of(a.name(), c.name(), b.name()), List.copyOf(t.keySet()));
        assertEquals(a, t.get(a.name()));
        assertEquals(b, t.get(b.name()));
        assertEquals(c, t.get(c.name()));
    }

    @Test
    void readsSingleFileFolder(@TempDir final Path single) throws IOException {
        Safetensors.write(single.resolve(Safetensors.MODEL_FILE), List.of(c, a), Map.of());
        assertEquals(List.of(c.name(), a.name()), List.copyOf(Safetensors.readFolder(single).keySet()));
    }

    @Test
    void missingShardIsNamed() throws IOException {
        Files.delete(dir.resolve(SHARD2));
        final WeightFormatException e = assertThrows(WeightFormatException.class, () -> Safetensors.readFolder(dir));
        assertTrue(e.getMessage().contains(SHARD2) && e.getMessage().contains(Safetensors.INDEX_FILE)
            && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void tensorMissingFromItsShardIsNamed() throws IOException {
        Safetensors.write(dir.resolve(SHARD2), List.of(a), Map.of());
        final WeightFormatException e = assertThrows(WeightFormatException.class, () -> Safetensors.readFolder(dir));
        assertTrue(e.getMessage().contains(SHARD2) && e.getMessage().contains(c.name()), e.getMessage());
    }

    @Test
    void folderWithoutWeightsSaysWhatIsExpected(@TempDir final Path empty) {
        final WeightFormatException e =
            assertThrows(WeightFormatException.class, () -> Safetensors.readFolder(empty));
        assertTrue(e.getMessage().startsWith(empty.toString()) && e.getMessage().contains(Safetensors.MODEL_FILE),
            e.getMessage());
    }
}
