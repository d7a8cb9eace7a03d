package org.bertlab.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one-sequence-per-line format of {@link CorpusWriter} and {@link CorpusReader}. */
class CorpusFileTest {

    @TempDir
    Path dir;

    @Test
    void integerSequencesAreIdsSeparatedBySingleSpaces() throws IOException {
        Path file = dir.resolve("c.txt");
        CorpusWriter.write(Stream.of(Sequence.ofIds(3, 17, 0), Sequence.ofIds(5)), file);
        assertEquals("3 17 0\n5\n", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void dnaSequencesAreLabelTabLetters() throws IOException {
        Path file = dir.resolve("d.txt");
        CorpusWriter.write(Stream.of(Sequence.dna("ACGTTA", 1), Sequence.dna("GGG", 0)), file);
        assertEquals("1\tACGTTA\n0\tGGG\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(List.of(Sequence.dna("ACGTTA", 1), Sequence.dna("GGG", 0)), CorpusReader.read(file));
    }

    @ParameterizedTest
    @EnumSource(CorpusKind.class)
    void everyKindRoundTrips(CorpusKind kind) throws IOException {
        CorpusOptions.Builder b = CorpusOptions.builder().kind(kind).count(300).vocabularySize(100).minLength(8)
                .maxLength(40);
        if (kind == CorpusKind.UNIGRAM) {
            b.unigramWeights(DoubleStream.generate(() -> 1).limit(100).toArray());
        }
        CorpusOptions options = b.build();
        Path file = dir.resolve(kind.commandLineName() + ".txt");
        CorpusWriter.write(options, file);
        assertEquals(ArtificialCorpus.generate(options).sequences(), CorpusReader.read(file));
        assertEquals(300, Files.readAllLines(file).size());
    }

    @Test
    void malformedLinesAreReportedWithFileAndLine() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, "1 2 3\n4  5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CorpusReader.read(file));
        assertTrue(e.getMessage().startsWith(file + " line 2: token 2 ''"), e.getMessage());

        Files.writeString(file, "ACGT\nx\tACGT\n");
        e = assertThrows(IllegalArgumentException.class, () -> CorpusReader.read(file));
        assertTrue(e.getMessage().startsWith(file + " line 2: label 'x'"), e.getMessage());

        Files.writeString(file, "1\t\n");
        e = assertThrows(IllegalArgumentException.class, () -> CorpusReader.read(file));
        assertEquals(file + " line 1: the sequence is empty", e.getMessage());
    }
}
