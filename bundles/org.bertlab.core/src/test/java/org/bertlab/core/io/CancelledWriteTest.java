package org.bertlab.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.bertlab.core.corpus.CorpusGenerator;
import org.bertlab.core.corpus.CorpusKind;
import org.bertlab.core.corpus.CorpusOptions;
import org.bertlab.core.corpus.CorpusWriter;
import org.bertlab.core.runtime.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cancelled write (a node's cancel, through the engine's cancel check) leaves the old file and nothing else. */
class CancelledWriteTest {

    @TempDir
    Path dir;

    @Test
    void aCancelledCorpusLeavesTheOldFileAndNoTemporary() throws IOException {
        final Path out = Files.writeString(dir.resolve("corpus.txt"), "the previous corpus\n");
        final CorpusOptions options = CorpusOptions.builder().kind(CorpusKind.UNIFORM).count(100_000).seed(1)
            .build();
        final int[] checks = {0};
        final Progress cancelAfterTwo = new Progress() {
            @Override
            public void report(final long done) {
                // nothing to show
            }

            @Override
            public void checkCancelled() {
                if (++checks[0] > 2) {
                    throw new CancellationException("cancelled");
                }
            }
        };
        assertThrows(CancellationException.class, () -> CorpusWriter.write(new CorpusGenerator(options), out,
            List.of(), cancelAfterTwo));
        assertEquals(3, checks[0], "checked every " + CorpusWriter.PROGRESS_EVERY + " sequences");
        assertEquals("the previous corpus\n", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
        assertEquals(List.of(), Temporaries.live().stream().filter(p -> p.startsWith(dir)).toList());
    }
}
