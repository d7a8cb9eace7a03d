package org.bertlab.core.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal reader of the protobuf wire format (https://protobuf.dev/programming-guides/encoding/), enough to walk
 * an ONNX model without generated classes: varints, 64-bit and 32-bit fixed values, length-delimited fields
 * (strings, bytes, sub-messages, packed repeated scalars). Groups (wire types 3 and 4) are deprecated and refused.
 *
 * <p>The reader works on a slice of a {@link ByteBuffer} (often a memory-mapped file) and never copies bytes
 * fields: {@link #readBytes()} returns a little-endian view. Every malformation is reported as a
 * {@link WeightFormatException} naming the source and the byte offset.
 *
 * <p>Usage: {@code while (r.next()) { switch (r.fieldNumber()) { case 1 -> r.readString(); default -> r.skip(); } }}
 */
final class ProtobufReader {

    /** Wire type of varint fields. */
    static final int VARINT = 0;
    /** Wire type of 64-bit fixed fields. */
    static final int FIXED64 = 1;
    /** Wire type of length-delimited fields. */
    static final int LEN = 2;
    /** Wire type of 32-bit fixed fields. */
    static final int FIXED32 = 5;

    private final ByteBuffer buf;

    private final String source;

    /** Absolute offset of {@code buf}'s index 0 in the source, for messages. */
    private final long baseOffset;

    private int pos;

    private int tag;

    /**
     * @param buf the message bytes, from its position to its limit
     * @param source the file or stream name for error messages
     */
    ProtobufReader(final ByteBuffer buf, final String source) {
        this(buf.slice().order(ByteOrder.LITTLE_ENDIAN), source, 0);
    }

    private ProtobufReader(final ByteBuffer slice, final String source, final long baseOffset) {
        this.buf = slice;
        this.source = source;
        this.baseOffset = baseOffset;
    }

    /**
     * Advances to the next field.
     *
     * @return false at the end of the message
     * @throws WeightFormatException for a malformed tag
     */
    boolean next() throws WeightFormatException {
        if (pos >= buf.limit()) {
            return false;
        }
        final long start = pos;
        final long t = readVarint();
        if ((t >>> 3) == 0 || (t >>> 3) > 0x1FFF_FFFF) {
            throw error(start, "invalid field number " + (t >>> 3));
        }
        tag = (int)t;
        final int w = wireType();
        if (w != VARINT && w != FIXED64 && w != LEN && w != FIXED32) {
            throw error(start, "field " + fieldNumber() + " has unsupported wire type " + w);
        }
        return true;
    }

    /** @return the current field's number */
    int fieldNumber() {
        return tag >>> 3;
    }

    /** @return the current field's wire type */
    int wireType() {
        return tag & 7;
    }

    /** @return the offset of the read position in the source */
    long offset() {
        return baseOffset + pos;
    }

    /**
     * @return the next varint as an unsigned 64-bit value
     * @throws WeightFormatException if truncated or longer than 10 bytes
     */
    long readVarint() throws WeightFormatException {
        final int start = pos;
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= buf.limit()) {
                throw error(start, "truncated varint");
            }
            final byte b = buf.get(pos++);
            result |= (long)(b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw error(start, "malformed varint (more than 10 bytes)");
    }

    /** @return the next varint, checked to fit an int (for lengths, enums, int32 fields) */
    int readInt32() throws WeightFormatException {
        final int start = pos;
        final long v = readVarint();
        // int32 fields with negative values are sign-extended to 10-byte varints.
        if (v != (int)v) {
            throw error(start, "value " + v + " of field " + fieldNumber() + " does not fit 32 bits");
        }
        return (int)v;
    }

    /** @return the next 4 bytes, little-endian */
    int readFixed32() throws WeightFormatException {
        require(4);
        final int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    /** @return the next 8 bytes, little-endian */
    long readFixed64() throws WeightFormatException {
        require(8);
        final long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    /**
     * @return the bytes of the current length-delimited field, as a little-endian view (no copy)
     * @throws WeightFormatException if the length runs past the end of the enclosing message
     */
    ByteBuffer readBytes() throws WeightFormatException {
        final int len = readLength();
        final ByteBuffer out = buf.slice(pos, len).order(ByteOrder.LITTLE_ENDIAN);
        pos += len;
        return out;
    }

    /** @return the current length-delimited field as UTF-8 text */
    String readString() throws WeightFormatException {
        final ByteBuffer b = readBytes();
        final byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** @return a reader over the current length-delimited field, a sub-message */
    ProtobufReader readMessage() throws WeightFormatException {
        final int len = readLength();
        final ProtobufReader r = new ProtobufReader(buf.slice(pos, len).order(ByteOrder.LITTLE_ENDIAN), source,
            offset());
        pos += len;
        return r;
    }

    /**
     * Reads a repeated varint field (int64, int32, enum) in either encoding: packed (one length-delimited field) or
     * one value per field occurrence.
     *
     * @param into the list to append to
     */
    void readRepeatedVarint(final LongList into) throws WeightFormatException {
        if (wireType() == LEN) {
            final ProtobufReader packed = readMessage();
            while (packed.pos < packed.buf.limit()) {
                into.add(packed.readVarint());
            }
        } else if (wireType() == VARINT) {
            into.add(readVarint());
        } else {
            throw error(pos, "field " + fieldNumber() + " should hold varints but has wire type " + wireType());
        }
    }

    /** Skips the current field's value. */
    void skip() throws WeightFormatException {
        switch (wireType()) {
            case VARINT -> readVarint();
            case FIXED64 -> {
                require(8);
                pos += 8;
            }
            case LEN -> {
                // Not "pos += readLength()": that would add the length to the position before the length varint.
                final int len = readLength();
                pos += len;
            }
            case FIXED32 -> {
                require(4);
                pos += 4;
            }
            default -> throw error(pos, "cannot skip wire type " + wireType());
        }
    }

    /**
     * Requires the current field to have the given wire type.
     *
     * @param expected the wire type the schema declares
     * @param what the field's name in the schema, for the message
     */
    void expect(final int expected, final String what) throws WeightFormatException {
        if (wireType() != expected) {
            throw error(pos, what + " (field " + fieldNumber() + ") has wire type " + wireType() + ", expected "
                + expected + "; the file is not the expected protobuf message");
        }
    }

    /**
     * @param at offset within this message
     * @param problem what is wrong
     * @return an exception naming the source and the absolute byte offset
     */
    WeightFormatException error(final long at, final String problem) {
        return new WeightFormatException(source, problem + " at byte " + (baseOffset + at)
            + "; the file is truncated, corrupt or not an ONNX model (a Git LFS pointer or partial download?)");
    }

    private int readLength() throws WeightFormatException {
        final int start = pos;
        final long len = readVarint();
        if (len < 0 || len > buf.limit() - pos) {
            throw error(start, "length " + len + " of field " + fieldNumber() + " runs past the end of its message ("
                + (buf.limit() - pos) + " bytes left)");
        }
        return (int)len;
    }

    private void require(final int n) throws WeightFormatException {
        if (buf.limit() - pos < n) {
            throw error(pos, "truncated " + (n * 8) + "-bit value of field " + fieldNumber());
        }
    }

    /** A growable list of primitive longs, for repeated fields. */
    static final class LongList {

        private long[] data = new long[8];

        private int size;

        void add(final long v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
