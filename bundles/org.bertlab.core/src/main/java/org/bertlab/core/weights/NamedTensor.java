package org.bertlab.core.weights;

import java.util.Arrays;

import org.apache.commons.lang3.Validate;

/**
 * A named float32 tensor in row-major order: the currency of this package.
 *
 * <p>The shape is copied on construction; the values array is not (weights run to hundreds of megabytes), so the
 * caller hands it over and should not change it afterwards. Equality compares name, shape and values element-wise.
 *
 * @param name the Hugging Face module path, e.g. {@code encoder.layer.0.attention.self.query.weight}
 * @param shape the dimensions, outermost first; empty for a scalar
 * @param values the row-major values, {@code product(shape)} of them
 */
public record NamedTensor(String name, long[] shape, float[] values) {

    /** Checks that the values fill the shape exactly. */
    public NamedTensor {
        Validate.notBlank(name, "tensor name must not be blank");
        Validate.notNull(shape, "shape of %s must not be null", name);
        Validate.notNull(values, "values of %s must not be null", name);
        shape = shape.clone();
        final long numel = numel(shape);
        Validate.isTrue(numel == values.length, "tensor %s: shape %s holds %d values but %d were given", name,
            Arrays.toString(shape), numel, values.length);
    }

    /**
     * @param shape tensor dimensions
     * @return the number of elements a tensor of that shape holds (1 for a scalar)
     * @throws IllegalArgumentException for a negative dimension or a count beyond {@code Long.MAX_VALUE}
     */
    public static long numel(final long[] shape) {
        long n = 1;
        for (final long d : shape) {
            Validate.isTrue(d >= 0, "negative dimension in shape %s", Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** @return the number of elements */
    public long numel() {
        return values.length;
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.length;
    }

    /** @return a copy of the shape (the record accessor {@link #shape()} returns the internal array) */
    public long[] shapeCopy() {
        return shape.clone();
    }

    /**
     * @param newName the name of the copy
     * @return this tensor under another name, sharing the values
     */
    public NamedTensor withName(final String newName) {
        return new NamedTensor(newName, shape, values);
    }

    /**
     * The matrix transpose, e.g. from the ONNX MatMul layout {@code [in, out]} to the Hugging Face Linear layout
     * {@code [out, in]}.
     *
     * @param newName the name of the result
     * @return a new rank-2 tensor with element {@code (j, i)} equal to this tensor's {@code (i, j)}
     * @throws IllegalStateException if this tensor is not rank 2
     */
    public NamedTensor transposed(final String newName) {
        Validate.validState(shape.length == 2, "cannot transpose %s: rank %d, expected 2", name, shape.length);
        final int rows = (int)shape[0];
        final int cols = (int)shape[1];
        final float[] out = new float[values.length];
        // Blocked so both arrays are walked in cache-sized tiles; a 21128x512 transpose stays in milliseconds.
        final int block = 64;
        for (int i0 = 0; i0 < rows; i0 += block) {
            final int iEnd = Math.min(rows, i0 + block);
            for (int j0 = 0; j0 < cols; j0 += block) {
                final int jEnd = Math.min(cols, j0 + block);
                for (int i = i0; i < iEnd; i++) {
                    final int rowBase = i * cols;
                    for (int j = j0; j < jEnd; j++) {
                        out[j * rows + i] = values[rowBase + j];
                    }
                }
            }
        }
        return new NamedTensor(newName, new long[]{cols, rows}, out);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof NamedTensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
            && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
