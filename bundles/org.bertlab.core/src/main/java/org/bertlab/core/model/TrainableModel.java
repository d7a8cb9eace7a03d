package org.bertlab.core.model;

import java.util.List;

import org.bertlab.core.encoder.BertParameters;

/**
 * A model that may change: its weights (a new head, optimizer steps, restoring an early-stopping snapshot), its
 * labels and the files it carries. Training works on one; everything else reads a {@link BertModel}, whose type
 * offers no change. A trainable model is a copy of a model that others may read ({@link #copyOf}) or a model its
 * caller alone holds and hands over ({@link #of}: just loaded or created, and read by nobody else while it trains).
 * It owns the model: {@link #close()} closes it, unless {@link #release()} handed it on.
 */
public final class TrainableModel implements AutoCloseable {

    private final BertModel model;

    private boolean released;

    private TrainableModel(final BertModel model) {
        this.model = model;
    }

    /** An independent copy in memory of a model that others may go on reading ({@link BertModel#copy()}). */
    public static TrainableModel copyOf(final BertModel shared) {
        return new TrainableModel(shared.copy());
    }

    /** Takes over a model that nothing else reads (just loaded or created); closing this closes it. */
    public static TrainableModel of(final BertModel owned) {
        return new TrainableModel(owned);
    }

    /** The model, to read: forward passes, inference, saving. Its weights change while it trains. */
    public BertModel model() {
        return model;
    }

    /** The writable weights. */
    public BertParameters parameters() {
        checkOpen();
        return model.store();
    }

    /** Sets the classifier's labels, in the order of its output rows. */
    public void setLabels(final List<String> labels) {
        checkOpen();
        model.setConfig(model.config().withLabels(labels));
    }

    /** Adds or replaces a file saved beside the weights (token mapping, QA settings). */
    public void attach(final String fileName, final byte[] bytes) {
        checkOpen();
        model.attach(fileName, bytes.clone());
    }

    /**
     * Ends the changes and hands the model to the caller, who closes it from now on (a KNIME port, a result);
     * this object no longer changes or closes it.
     */
    public BertModel release() {
        checkOpen();
        released = true;
        return model;
    }

    private void checkOpen() {
        if (released) {
            throw new IllegalStateException("the trainable model was released; train a new copy");
        }
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            model.close();
        }
    }
}
