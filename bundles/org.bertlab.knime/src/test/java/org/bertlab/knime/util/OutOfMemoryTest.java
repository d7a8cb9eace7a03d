package org.bertlab.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** A node's execute that runs out of memory ends in one line naming the work and -Xmx in knime.ini. */
class OutOfMemoryTest {

    /** An allocation the JVM refuses at once, whatever the heap: a real OutOfMemoryError, without filling memory. */
    private static long[] tooBig() {
        return new long[Integer.MAX_VALUE];
    }

    @Test
    void anOutOfMemoryErrorBecomesOneLineSayingWhatAndHow() {
        final OutOfMemory.NodeOutOfMemoryException e = assertThrows(OutOfMemory.NodeOutOfMemoryException.class,
            () -> OutOfMemory.guard("embedding the texts", "a smaller \"Batch size\"", () -> tooBig().length));
        final String message = e.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("Out of memory while embedding the texts ("), message);
        assertTrue(message.contains("-Xmx in knime.ini"), message);
        assertTrue(message.contains((Runtime.getRuntime().maxMemory() >> 20) + " MB"), message);
        assertTrue(message.endsWith("or use a smaller \"Batch size\"."), message);
        assertTrue(e.getCause() instanceof OutOfMemoryError);
    }

    @Test
    void findsTheErrorOfAWorkerThreadInsideItsWrapper() {
        final OutOfMemory.NodeOutOfMemoryException e = assertThrows(OutOfMemory.NodeOutOfMemoryException.class,
            () -> OutOfMemory.guard("training the model", "a smaller model",
                () -> CompletableFuture.supplyAsync(OutOfMemoryTest::tooBig).get()));
        assertTrue(e.getMessage().startsWith("Out of memory while training the model"), e.getMessage());
    }

    @Test
    void otherExceptionsAndResultsPassUnchanged() throws Exception {
        assertEquals(42, OutOfMemory.guard("x", "y", () -> 42));
        final IOException io = new IOException("disk full");
        assertSame(io, assertThrows(IOException.class, () -> OutOfMemory.guard("x", "y", () -> {
            throw io;
        })));
    }
}
