package org.bertlab.core.ort;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One protobuf message being written, fields appended in order (wire format:
 * https://protobuf.dev/programming-guides/encoding/). Enough to write the small ONNX graphs of
 * {@link FusedOnnxGraph}; large weights never pass through here (they travel as external initializers).
 */
final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(final int field, final long value) {
        tag(field, 0);
        raw(value);
        return this;
    }

    ProtoWriter fixed32(final int field, final int bits) {
        tag(field, 5);
        for (int i = 0; i < Integer.BYTES; i++) {
            out.write(bits >>> (8 * i) & 0xFF);
        }
        return this;
    }

    ProtoWriter bytes(final int field, final byte[] value) {
        tag(field, 2);
        raw(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter string(final int field, final String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(final int field, final ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(final int field, final int wire) {
        raw((long)field << 3 | wire);
    }

    private void raw(final long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int)(v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int)v);
    }
}
