package org.bertlab.core.weights;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each malformed file must fail with a message that names the file and the problem. */
class SafetensorsBadInputTest {

    @TempDir
    Path dir;

    /** Header length, header text, then {@code dataBytes} zero bytes. */
    private Path file(final String name, final String header, final int dataBytes) throws IOException {
        final byte[] json = header.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        final Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private static void assertFails(final Path file, final String... fragments) {
        final WeightFormatException e = assertThrows(WeightFormatException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        for (final String f : fragments) {
            assertTrue(e.getMessage().contains(f), "missing \"" + f + "\" in: " + e.getMessage());
        }
    }

    @Test
    void emptyFile() throws IOException {
        final Path f = Files.createFile(dir.resolve("empty.safetensors"));
        assertFails(f, "0 bytes", "shorter than the 8-byte header length");
    }

    @Test
    void truncatedHeader() throws IOException {
        final ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        final Path f = dir.resolve("truncated.safetensors");
        Files.write(f, b.array());
        assertFails(f, "header length field says 1000", "only 12 bytes", "truncated");
    }

    @Test
    void headerNotJson() throws IOException {
        assertFails(file("notjson.safetensors", "this is {not json", 0), "header is not JSON");
    }

    @Test
    void headerNotAnObject() throws IOException {
        assertFails(file("array.safetensors", "[1, 2]", 0), "header is not JSON object");
    }

    @Test
    void dataOffsetsBeyondBuffer() throws IOException {
        assertFails(file("beyond.safetensors",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8),
            "tensor \"w\"", "data_offsets [0, 16]", "outside the data buffer of 8 bytes");
    }

    @Test
    void shapeTimesDtypeDoesNotMatchOffsets() throws IOException {
        assertFails(file("mismatch.safetensors",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,16]}}", 16),
            "tensor \"w\"", "[2, 3]", "needs 24 bytes", "span 16");
    }

    @Test
    void unknownDtype() throws IOException {
        assertFails(file("dtype.safetensors",
            "{\"w\":{\"dtype\":\"X9\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
            "tensor \"w\"", "unknown dtype \"X9\"", "F32");
    }

    @Test
    void missingFile() {
        assertFails(dir.resolve("absent.safetensors"), "does not exist");
    }
}
