package org.bertlab.core.corpus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.lang3.Validate;
import org.bertlab.core.io.OutputFile;
import org.bertlab.core.runtime.Progress;

/**
 * Writes a corpus as UTF-8 text, one sequence per line, '\n' line ends:
 * <ul>
 * <li>integer-id sequences: the token ids separated by single spaces, e.g. {@code 17 4 4 17};</li>
 * <li>labelled sequences (dna): {@code label<TAB>body}, where a DNA body is its letters with no separator,
 * e.g. {@code 1\tACGTATAAAC}.</li>
 * </ul>
 * {@link CorpusReader} reads the same format back.
 */
public final class CorpusWriter {

    /** Sequences between two progress reports and cancel checks. */
    public static final int PROGRESS_EVERY = 1000;

    private CorpusWriter() {
    }

    /**
     * @param sequence a sequence
     * @return its line, without line end
     */
    public static String format(Sequence sequence) {
        String body = sequence.alphabet() == TokenAlphabet.DNA ? sequence.letters()
                : Arrays.stream(sequence.tokenIds()).mapToObj(Integer::toString).collect(Collectors.joining(" "));
        return sequence.label().isPresent() ? sequence.label().getAsInt() + "\t" + body : body;
    }

    /**
     * Generates and writes a corpus without holding it in memory.
     *
     * @param options the corpus options
     * @param file the file to create or overwrite
     * @throws IOException when the file cannot be written
     */
    public static void write(CorpusOptions options, Path file) throws IOException {
        write(new CorpusGenerator(options), file);
    }

    /**
     * @param corpus the corpus
     * @param file the file to create or overwrite
     * @throws IOException when the file cannot be written
     */
    public static void write(ArtificialCorpus corpus, Path file) throws IOException {
        write(corpus.sequences().iterator(), file);
    }

    /**
     * @param sequences the sequences to write; consumed by this call
     * @param file the file to create or overwrite
     * @throws IOException when the file cannot be written
     */
    public static void write(Stream<Sequence> sequences, Path file) throws IOException {
        write(sequences.iterator(), file);
    }

    /**
     * @param sequences the sequences to write; consumed by this call
     * @param file the file to create or overwrite
     * @throws IOException when the file cannot be written
     */
    public static void write(Iterator<Sequence> sequences, Path file) throws IOException {
        write(sequences, file, List.of(), Progress.NONE);
    }

    /**
     * Writes through {@link OutputFile}: to a temporary sibling that replaces the file only when complete, so a
     * failure or a cancel leaves the old file (or none) and no temporary.
     *
     * @param sequences the sequences to write; consumed by this call
     * @param file the file to create or overwrite
     * @param inputs files the run read (e.g. unigram weights), which the corpus must not replace
     * @param progress told the number of sequences written every {@value #PROGRESS_EVERY}; its cancel check stops
     * the run
     * @throws IOException when the file cannot be written
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public static void write(Iterator<Sequence> sequences, Path file, Collection<Path> inputs, Progress progress)
        throws IOException {
        Validate.notNull(sequences, "sequences must not be null");
        Validate.notNull(file, "file must not be null");
        try (OutputFile out = OutputFile.open(file, inputs)) {
            final BufferedWriter writer = out.writer();
            long written = 0;
            while (sequences.hasNext()) {
                if (written % PROGRESS_EVERY == 0) {
                    progress.checkCancelled();
                    progress.report(written);
                }
                writer.write(format(sequences.next()));
                writer.write('\n');
                written++;
            }
            out.commit();
        }
    }
}
