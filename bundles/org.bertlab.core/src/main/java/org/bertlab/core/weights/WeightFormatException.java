package org.bertlab.core.weights;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A weight file that cannot be read as what it claims to be. The message always starts with the file (as given by
 * the caller) followed by the problem and, where there is one, what to do about it.
 */
public class WeightFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String sourceName;

    private final String problem;

    /**
     * @param sourceName the file or stream the problem is in, as the user knows it
     * @param problem what is wrong and, where useful, what to do
     */
    public WeightFormatException(final String sourceName, final String problem) {
        this(sourceName, problem, null);
    }

    /**
     * @param sourceName the file or stream the problem is in, as the user knows it
     * @param problem what is wrong and, where useful, what to do
     * @param cause the underlying error, may be {@code null}
     */
    public WeightFormatException(final String sourceName, final String problem, final Throwable cause) {
        super(sourceName + ": " + problem, cause);
        this.sourceName = sourceName;
        this.problem = problem;
    }

    /**
     * @param file the file the problem is in
     * @param problem what is wrong and, where useful, what to do
     */
    public WeightFormatException(final Path file, final String problem) {
        this(String.valueOf(file), problem, null);
    }

    /** @return the file or stream the problem is in */
    public String sourceName() {
        return sourceName;
    }

    /** @return the problem without the file name */
    public String problem() {
        return problem;
    }
}
