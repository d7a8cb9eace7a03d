package org.bertlab.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    private static List<NamedTensor> randomTensors(final long seed) {
        final Random rnd = new Random(seed);
        final List<NamedTensor> out = new ArrayList<>();
        final long[][] shapes = {{3, 5}, {7}, {}, {2, 0, 3}, {4, 3, 2}, {1}};
        for (int i = 0; i < shapes.length; i++) {
            final float[] v = new float[(int)NamedTensor.numel(shapes[i])];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float)rnd.nextGaussian();
            }
            out.add(new NamedTensor("encoder.layer." + i + ".w", shapes[i], v));
        }
        // Bit patterns a lossy path would change.
        out.add(new NamedTensor("special", new long[]{5},
            new float[]{-0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.NaN}));
        return out;
    }

    @Test
    void writtenTensorsReadBackIdenticalInOrder() throws IOException {
        final List<NamedTensor> tensors = randomTensors(42);
        final Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, tensors, Map.of("source", "unit test ü 中"));

        final LinkedHashMap<String, NamedTensor> back = Safetensors.read(file);
        assertEquals(tensors.stream().map(NamedTensor::name).toList(), new ArrayList<>(back.keySet()));
        for (final NamedTensor t : tensors) {
            assertEquals(t, back.get(t.name()));
        }
        final Map<String, String> meta = Safetensors.readMetadata(file);
        assertEquals("pt", meta.get("format"));
        assertEquals("unit test ü 中", meta.get("source"));
        assertTrue(Safetensors.skippedNames(file).isEmpty());
    }

    @Test
    void headerIsPaddedToEightBytesAndDataIsLaidOutInOrder() throws IOException {
        final List<NamedTensor> tensors = randomTensors(7);
        final Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, tensors, Map.of());
        final byte[] bytes = Files.readAllBytes(file);
        final long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header length " + n);
        final String header = new String(bytes, 8, (int)n, StandardCharsets.UTF_8);
        final JsonObject json = JsonParser.parseString(header).getAsJsonObject();
        assertEquals("pt", json.getAsJsonObject("__metadata__").get("format").getAsString());
        long offset = 0;
        long total = 0;
        for (final NamedTensor t : tensors) {
            final JsonObject e = json.getAsJsonObject(t.name());
            assertEquals("F32", e.get("dtype").getAsString());
            assertEquals(offset, e.getAsJsonArray("data_offsets").get(0).getAsLong());
            offset += 4L * t.values().length;
            assertEquals(offset, e.getAsJsonArray("data_offsets").get(1).getAsLong());
            total += 4L * t.values().length;
        }
        assertEquals(8 + n + total, bytes.length);
        // The first tensor's first value sits right after the header, little-endian.
        final float first = ByteBuffer.wrap(bytes, (int)(8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(tensors.get(0).values()[0], first);
    }

    @Test
    void atomicWriteLeavesOnlyTheTargetAndReplacesIt() throws IOException {
        final Path file = dir.resolve("sub/folder/model.safetensors");
        Safetensors.write(file, randomTensors(1), Map.of());
        Safetensors.write(file, randomTensors(2), Map.of("round", "2"));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file.getFileName()), files.map(Path::getFileName).toList());
        }
        assertEquals("2", Safetensors.readMetadata(file).get("round"));
        assertEquals(randomTensors(2).get(0), Safetensors.read(file).get("encoder.layer.0.w"));
    }

    @Test
    void failedWriteLeavesNothingBehind() throws IOException {
        final Path file = dir.resolve("model.safetensors");
        final NamedTensor a = new NamedTensor("a", new long[]{1}, new float[]{1});
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(file, List.of(a, a), Map.of()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void namedTensorChecksShapeAgainstValues() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new NamedTensor("x", new long[]{2, 3}, new float[5]));
        assertTrue(e.getMessage().contains("x") && e.getMessage().contains("6"), e.getMessage());
        final NamedTensor t = new NamedTensor("m", new long[]{2, 3}, new float[]{1, 2, 3, 4, 5, 6});
        assertEquals(6, t.numel());
        final NamedTensor tt = t.transposed("mt");
        assertArrayEquals(new long[]{3, 2}, tt.shape());
        assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, tt.values());
        assertEquals(t, tt.transposed("m"));
        assertEquals("m[2, 3]", t.toString());
        assertTrue(Arrays.equals(new long[]{2, 3}, t.shapeCopy()));
    }
}
