package org.bertlab.core.encoder;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.bertlab.core.weights.NamedTensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Every weight of a BERT and its heads, keyed by the Hugging Face module path without the {@code bert.} prefix
 * ({@code encoder.layer.3.attention.self.query.weight}, {@code cls.predictions.bias}). Because the encoder classes
 * mirror that module tree, loading a checkpoint is a name lookup. The arrays live in one manager owned by the model.
 * This is the writable store: the loader and a trainable model's owner hold it, readers see {@link BertWeights}.
 */
public final class BertParameters implements BertWeights {

    private final NDManager manager;

    private final LinkedHashMap<String, NDArray> arrays = new LinkedHashMap<>();

    /**
     * Counts changes that may alter the weights (see {@link #version()}). Only the thread that owns the model
     * changes it (loading, training); volatile so that a thread reading the model later sees the last count.
     */
    private volatile long version;

    public BertParameters(final NDManager manager) {
        this.manager = manager;
    }

    /** The manager that owns the weights. */
    public NDManager manager() {
        return manager;
    }

    @Override
    public NDManager newBatchManager() {
        return manager.newSubManager();
    }

    /**
     * Grows whenever a weight is added, replaced or removed, gradients are switched on or off, or the weights were
     * updated in place ({@link #updatedInPlace()}).
     */
    @Override
    public long version() {
        return version;
    }

    /** Records that the arrays' values changed in place (an optimizer step), so copies of them are out of date. */
    public void updatedInPlace() {
        version++;
    }

    @Override
    public NDArray get(final String name) {
        final NDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalStateException("The model has no weight named '" + name + "'.");
        }
        return array;
    }

    @Override
    public boolean has(final String name) {
        return arrays.containsKey(name);
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(arrays.keySet());
    }

    /** Adds or replaces a weight; the array is attached to this model's manager, the old one closed. */
    public void put(final String name, final NDArray array) {
        version++;
        array.attach(manager);
        array.setName(name);
        final NDArray previous = arrays.put(name, array);
        if (previous != null && previous != array) {
            previous.close();
        }
    }

    /** Copies a plain float tensor onto the model's device. */
    public void put(final NamedTensor tensor, final String name, final DataType dataType) {
        NDArray array = manager.create(FloatBuffer.wrap(tensor.values()), new Shape(tensor.shape()));
        if (dataType != DataType.FLOAT32) {
            final NDArray cast = array.toType(dataType, false);
            array.close();
            array = cast;
        }
        put(name, array);
    }

    public void remove(final String name) {
        version++;
        final NDArray previous = arrays.remove(name);
        if (previous != null) {
            previous.close();
        }
    }

    /** Marks the weights that the predicate accepts as trainable and the others as frozen. */
    public List<NDArray> requireGradients(final Predicate<String> trainable) {
        version++;
        final List<NDArray> result = new ArrayList<>();
        for (final Map.Entry<String, NDArray> e : arrays.entrySet()) {
            final boolean train = trainable.test(e.getKey());
            e.getValue().setRequiresGradient(train);
            if (train) {
                result.add(e.getValue());
            }
        }
        return result;
    }

    @Override
    public Collection<Map.Entry<String, NDArray>> entries() {
        return Collections.unmodifiableMap(arrays).entrySet();
    }

    @Override
    public List<NamedTensor> toTensors(final UnaryOperator<String> rename) {
        final List<NamedTensor> tensors = new ArrayList<>(arrays.size());
        for (final Map.Entry<String, NDArray> e : arrays.entrySet()) {
            final NDArray array = e.getValue();
            final float[] values = array.getDataType() == DataType.FLOAT32 ? array.toFloatArray()
                : toFloat(array);
            tensors.add(new NamedTensor(rename.apply(e.getKey()), array.getShape().getShape(), values));
        }
        return tensors;
    }

    private static float[] toFloat(final NDArray array) {
        try (NDArray f = array.toType(DataType.FLOAT32, true)) {
            return f.toFloatArray();
        }
    }

    @Override
    public long count() {
        long n = 0;
        for (final NDArray a : arrays.values()) {
            n += a.size();
        }
        return n;
    }
}
