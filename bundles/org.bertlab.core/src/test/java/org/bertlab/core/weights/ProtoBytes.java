package org.bertlab.core.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes protobuf wire format by hand, so tests build ONNX models byte by byte without any ONNX library. */
final class ProtoBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void rawVarint(final long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int)(v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int)v);
    }

    ProtoBytes varint(final int field, final long value) {
        rawVarint((long)field << 3);
        rawVarint(value);
        return this;
    }

    ProtoBytes bytes(final int field, final byte[] value) {
        rawVarint((long)field << 3 | 2);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoBytes string(final int field, final String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoBytes message(final int field, final ProtoBytes value) {
        return bytes(field, value.toByteArray());
    }

    ProtoBytes fixed32(final int field, final int value) {
        rawVarint((long)field << 3 | 5);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        return this;
    }

    /** A packed repeated varint field. */
    ProtoBytes packedVarints(final int field, final long... values) {
        final ProtoBytes p = new ProtoBytes();
        for (final long v : values) {
            p.rawVarint(v);
        }
        return bytes(field, p.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Little-endian float32 bytes, as ONNX raw_data holds them. */
    static byte[] floatsLE(final float... values) {
        final ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (final float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** A TensorProto of FLOAT with raw_data and packed dims. */
    static ProtoBytes floatTensor(final String name, final long[] dims, final float... values) {
        return new ProtoBytes().packedVarints(1, dims).varint(2, 1).string(8, name).bytes(9, floatsLE(values));
    }

    /** A NodeProto. */
    static ProtoBytes node(final String name, final String opType, final String... inputs) {
        final ProtoBytes n = new ProtoBytes();
        for (final String in : inputs) {
            n.string(1, in);
        }
        return n.string(2, name + "_output_0").string(3, name).string(4, opType);
    }

    /** A ModelProto with ir_version 8 around the graph. */
    static byte[] model(final ProtoBytes graph) {
        return new ProtoBytes().varint(1, 8).string(2, "test").message(7, graph).toByteArray();
    }
}
