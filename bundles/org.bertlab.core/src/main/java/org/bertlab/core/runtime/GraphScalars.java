package org.bertlab.core.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Products and quotients with a constant for arrays that gradients flow through. Use these instead of DJL's
 * {@code NDArray.mul(Number)} and {@code div(Number)} anywhere in a training forward pass.
 *
 * <p>
 * Why: on PyTorch, DJL 0.36 turns the number into a tensor over a Java direct buffer ({@code torch::from_blob}, so
 * PyTorch does not own the memory), uses it and closes it at once. Autograd keeps that tensor for the backward pass
 * (the gradient of x·c is c), but once the Java array is closed nothing keeps its buffer alive: when a garbage
 * collection runs between forward and backward, the buffer's cleaner frees the memory, the allocator writes its own
 * bookkeeping there, and backward multiplies by that instead (2.5e26 and -2.8e-24 were seen for a factor of
 * 0.125). Whether a collection fell between the two depended on the load and the class path, so seeded runs
 * differed now and then, and a step could get non-finite gradients from a finite loss. Here the constant is made
 * by PyTorch ({@code torch::full}), which owns and reference-counts its memory, so autograd's reference keeps it
 * alive whatever happens to the Java object.
 */
public final class GraphScalars {

    private GraphScalars() {
    }

    /** x · factor, with the factor kept by PyTorch for the backward pass. */
    public static NDArray times(final NDArray x, final float factor) {
        try (NDArray c = constant(x, factor)) {
            return x.mul(c);
        }
    }

    /** x / divisor, with the divisor kept by PyTorch for the backward pass. */
    public static NDArray dividedBy(final NDArray x, final float divisor) {
        try (NDArray c = constant(x, divisor)) {
            return x.div(c);
        }
    }

    /**
     * A 0-dimensional fp32 tensor, as DJL's number overloads make: a 0-dimensional operand does not change the
     * other operand's type (fp16 stays fp16), so results are the same as with those overloads, bit for bit.
     */
    private static NDArray constant(final NDArray x, final float value) {
        return x.getManager().full(new Shape(), value, DataType.FLOAT32);
    }
}
