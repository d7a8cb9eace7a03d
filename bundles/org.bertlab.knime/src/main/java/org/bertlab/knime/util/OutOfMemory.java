package org.bertlab.knime.util;

/**
 * Turns an {@link OutOfMemoryError} at the top of a node's execute into one line that says what was too big and how
 * to give KNIME more memory. Sizes the engine can check (file sizes, dimensions) are refused before allocating; what
 * remains is real work that does not fit the heap KNIME was started with.
 */
public final class OutOfMemory {

    private OutOfMemory() {
    }

    /**
     * Runs a node's work.
     *
     * @param work what the node was doing, e.g. "embedding the texts", for the message
     * @param smaller what the user can make smaller instead, e.g. "a smaller batch size", for the message
     * @throws NodeOutOfMemoryException when the work ran out of memory (also when an engine wrapped the error)
     */
    public static <T> T guard(final String work, final String smaller, final EngineProgress.EngineCall<T> call)
        throws Exception {
        try {
            return call.run();
        } catch (OutOfMemoryError e) {
            throw new NodeOutOfMemoryException(message(work, smaller, e), e);
        } catch (Exception e) {
            // Streams and executors wrap errors of their worker threads.
            for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
                if (t instanceof OutOfMemoryError oom) {
                    throw new NodeOutOfMemoryException(message(work, smaller, oom), e);
                }
            }
            throw e;
        }
    }

    /** The one line shown on the node (the bundle does not import Commons Lang, which the engine keeps private). */
    static String message(final String work, final String smaller, final OutOfMemoryError e) {
        final long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        final String what = e.getMessage() == null || e.getMessage().isBlank() ? "Java heap" : e.getMessage();
        return "Out of memory while " + work + " (" + what + "): it needs more than the " + maxMb + " MB KNIME may use. Give KNIME more memory by raising -Xmx in "
            + "knime.ini (e.g. -Xmx16g, in the KNIME installation folder) and restarting KNIME, or use " + smaller
            + ".";
    }

    /** A node's work that did not fit in memory; its message is the whole story. */
    public static final class NodeOutOfMemoryException extends Exception {

        private static final long serialVersionUID = 1L;

        NodeOutOfMemoryException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
