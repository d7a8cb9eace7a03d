package org.bertlab.core.encoder;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import org.apache.commons.lang3.Validate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Dropout with its keep/drop masks drawn in Java. PyTorch's CPU random kernels run on one thread and draw 32 bits
 * per element; in a BERT training step (dropout on the embeddings, on every attention probability and after every
 * dense block) that took 0.38 of the 0.9 s forward pass at 32 × 128. Here one 64-bit draw gives four decisions
 * (16 bits each, so a rate is honoured to 1/65536), and PyTorch only multiplies.
 *
 * <p>
 * Each thread has its own generator; {@link #seed(long)} makes a training run on that thread repeatable, on any
 * device.
 */
public final class DropoutMasks {

    private static final ThreadLocal<SplittableRandom> RANDOM = ThreadLocal.withInitial(SplittableRandom::new);

    /** Bits of a 64-bit draw per decision: four decisions per draw. */
    private static final int BITS = 16;

    private DropoutMasks() {
    }

    /** Restarts this thread's generator from {@code seed}. */
    public static void seed(final long seed) {
        RANDOM.set(new SplittableRandom(seed));
    }

    /**
     * Zeroes each element with probability {@code rate} and scales the others by 1 / (1 − rate), as
     * {@code torch.nn.functional.dropout} in training.
     */
    static NDArray apply(final NDArray x, final float rate) {
        Validate.isTrue(rate >= 0f && rate < 1f, "dropout rate must be in [0, 1), got %s", rate);
        final long size = x.size();
        Validate.isTrue(size <= Integer.MAX_VALUE, "dropout over %d elements at once is not supported", size);
        final byte[] keep = new byte[(int)size];
        final long threshold = Math.round(rate * (1 << BITS));
        final SplittableRandom random = RANDOM.get();
        int i = 0;
        for (; i + 4 <= keep.length; i += 4) {
            final long bits = random.nextLong();
            keep[i] = keep(bits, threshold);
            keep[i + 1] = keep(bits >>> BITS, threshold);
            keep[i + 2] = keep(bits >>> 2 * BITS, threshold);
            keep[i + 3] = keep(bits >>> 3 * BITS, threshold);
        }
        if (i < keep.length) {
            long bits = random.nextLong();
            for (; i < keep.length; i++, bits >>>= BITS) {
                keep[i] = keep(bits, threshold);
            }
        }
        // The mask is scaled before it meets x, so that backward is a single product with it.
        try (NDArray bools = x.getManager().create(ByteBuffer.wrap(keep), x.getShape(), DataType.BOOLEAN)) {
            return x.mul(bools.toType(x.getDataType(), false).muli(1f / (1f - rate)));
        }
    }

    /** 1 when the low 16 bits are at least the threshold, else 0; without a branch, which the JIT keeps tight. */
    private static byte keep(final long bits, final long threshold) {
        return (byte)((((bits & 0xFFFF) - threshold) >>> 63) ^ 1);
    }
}
