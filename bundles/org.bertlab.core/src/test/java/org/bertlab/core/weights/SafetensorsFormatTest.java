package org.bertlab.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the reader against a file assembled byte by byte from the format description, with values whose float32
 * decoding is known exactly, so the test does not depend on the writer.
 */
class SafetensorsFormatTest {

    @TempDir
    Path dir;

    @Test
    void decodesHalfBfloatDoubleAndSkipsIntegers() throws IOException {
        final String header = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"half\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
            + "\"brain\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[6,12]},"
            + "\"double\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[12,20]},"
            + "\"embeddings.position_ids\":{\"dtype\":\"I64\",\"shape\":[1,2],\"data_offsets\":[20,36]},"
            + "\"single\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[36,44]}}";
        final byte[] json = header.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer b = ByteBuffer.allocate(8 + json.length + 44).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        // F16: 1.0 = 0x3C00, -2.5 = 0xC100, 0x3554 = (1 + 340/1024) / 4 = 0.3330078125
        b.putShort((short)0x3C00).putShort((short)0xC100).putShort((short)0x3554);
        // BF16: 1.0 = 0x3F80, -2.5 = 0xC020, 0.333 rounds to 0x3EAB = (1 + 43/128) / 4 = 0.333984375
        b.putShort((short)0x3F80).putShort((short)0xC020).putShort((short)0x3EAB);
        b.putDouble(0.1);
        b.putLong(0).putLong(1);
        b.putFloat(1.5f).putFloat(-0.0f);
        final Path file = dir.resolve("hand.safetensors");
        Files.write(file, b.array());

        final Map<String, NamedTensor> t = Safetensors.read(file);
        assertEquals(List.of("half", "brain", "double", "single"), List.copyOf(t.keySet()));
        assertArrayEquals(new float[]{1.0f, -2.5f, 0.3330078125f}, t.get("half").values());
        assertArrayEquals(new float[]{1.0f, -2.5f, 0.333984375f}, t.get("brain").values());
        assertArrayEquals(new float[]{0.1f}, t.get("double").values());
        assertArrayEquals(new float[]{1.5f, -0.0f}, t.get("single").values());
        assertArrayEquals(new long[]{2, 1}, t.get("single").shape());
        assertEquals(Set.of("embeddings.position_ids"), Safetensors.skippedNames(file));
        assertEquals(Map.of("format", "pt"), Safetensors.readMetadata(file));
    }
}
