package org.bertlab.core.encoder;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.bertlab.core.weights.NamedTensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Reading a BERT's weights, by Hugging Face module path without the {@code bert.} prefix. This is all a model shared
 * between readers offers ({@link org.bertlab.core.model.BertModel#parameters()}); adding, replacing and training
 * weights goes through {@link BertParameters}, which only the owner of a trainable model holds.
 */
public interface BertWeights {

    /**
     * Grows whenever the weights may have changed; a copy of them (ONNX Runtime's graph, the prediction heads in
     * Java) is valid only while this has not changed since it was made.
     */
    long version();

    /** The weight of that name; a missing weight is a programming or loading error and says which. */
    NDArray get(String name);

    boolean has(String name);

    /** The names in the model's order, unmodifiable. */
    Set<String> names();

    /** The weights in the model's order, unmodifiable. */
    Collection<Map.Entry<String, NDArray>> entries();

    /** Copies every weight to plain float tensors (for saving), under the given name mapping. */
    List<NamedTensor> toTensors(UnaryOperator<String> rename);

    /** Number of scalar weights. */
    long count();

    /** A manager for one batch's arrays on the weights' device; closing it frees them. */
    NDManager newBatchManager();
}
