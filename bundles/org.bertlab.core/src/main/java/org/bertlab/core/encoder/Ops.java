package org.bertlab.core.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * The few functional operations BERT is made of. DJL's functional forms attach their result to the input's manager,
 * so a batch computed in a sub-manager frees every intermediate with it (the weights stay in the model's manager).
 */
final class Ops {

    private Ops() {
    }

    /** x · Wᵀ + b, W stored [out, in] as in Hugging Face's nn.Linear. */
    static NDArray linear(final BertWeights p, final String prefix, final NDArray x) {
        return Linear.linear(x, p.get(prefix + ".weight"), p.get(prefix + ".bias")).singletonOrThrow();
    }

    /**
     * LayerNorm over the last axis only. DJL's LayerNorm block defaults to all non-batch axes, which is not BERT's.
     */
    static NDArray layerNorm(final BertWeights p, final String prefix, final NDArray x, final float eps) {
        final NDArray gamma = p.get(prefix + ".weight");
        return LayerNorm.layerNorm(x, new Shape(gamma.getShape().get(0)), gamma, p.get(prefix + ".bias"), eps)
            .singletonOrThrow();
    }

    /** Dropout in training (see {@link DropoutMasks}); the identity otherwise. */
    static NDArray dropout(final NDArray x, final float rate, final boolean training) {
        if (!training || rate <= 0f) {
            return x;
        }
        return DropoutMasks.apply(x, rate);
    }
}
