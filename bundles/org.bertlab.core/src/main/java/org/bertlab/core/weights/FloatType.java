package org.bertlab.core.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The floating-point element types both file formats store, each decoded to float32. Safetensors and ONNX store
 * them little-endian; the buffers given here must already be set to {@link ByteOrder#LITTLE_ENDIAN}.
 */
enum FloatType {

    /** IEEE 754 single precision. */
    F32(4),
    /** IEEE 754 half precision (1 sign, 5 exponent, 10 mantissa bits). */
    F16(2),
    /** bfloat16: the upper 16 bits of a float32 (1 sign, 8 exponent, 7 mantissa bits). */
    BF16(2),
    /** IEEE 754 double precision, rounded to the nearest float32. */
    F64(8);

    private final int bytes;

    FloatType(final int bytes) {
        this.bytes = bytes;
    }

    /** @return bytes per element */
    int bytes() {
        return bytes;
    }

    /**
     * Decodes {@code count} elements from the buffer's position on, advancing it.
     *
     * @param src little-endian buffer with at least {@code count * bytes()} remaining
     * @param dst destination
     * @param offset first index in {@code dst} to write
     * @param count number of elements
     */
    void decode(final ByteBuffer src, final float[] dst, final int offset, final int count) {
        switch (this) {
            case F32 -> {
                src.asFloatBuffer().get(dst, offset, count);
                src.position(src.position() + count * 4);
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = Float.float16ToFloat(src.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = Float.intBitsToFloat((src.getShort() & 0xFFFF) << 16);
                }
            }
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = (float)src.getDouble();
                }
            }
        }
    }
}
