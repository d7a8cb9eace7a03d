package org.bertlab.core.train;

/** The training loss became NaN or infinite; the message says where and what to change. */
public final class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(final String message) {
        super(message);
    }
}
