package org.bertlab.core.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping a model carries is its file's text, read and written in memory. */
class AttachedMappingTest {

    @TempDir
    Path dir;

    @Test
    void attachedMappingReadsBackEqualAndIsTheFilesText() {
        final TokenMapping mapping = TokenMapping.fromTable(SymbolTokenizer.kmers(3),
            Map.of("TTA", "tree", "ACG", "house"));
        try (TrainableModel model = TestModels.tinyTrainable(dir, 1)) {
            AttachedMapping.attach(model, mapping);
            assertEquals("# k=3 stride=3 unit=kmer unknown=fail\nsymbol\ttoken\nACG\thouse\nTTA\ttree\n",
                new String(model.model().attachments().get(TokenMappingFile.FILE_NAME), StandardCharsets.UTF_8));
            assertEquals(mapping, AttachedMapping.of(model.model()).orElseThrow());
        }
    }

    @Test
    void anInvalidAttachmentIsNamedWithItsLine() {
        try (TrainableModel model = TestModels.tinyTrainable(dir, 1)) {
            model.attach(TokenMappingFile.FILE_NAME, ("# k=3 stride=3 unit=kmer unknown=fail\nsymbol\ttoken\n"
                + "ACG\thouse\textra\n").getBytes(StandardCharsets.UTF_8));
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttachedMapping.of(model.model()));
            assertTrue(e.getMessage().startsWith("the model's token_mapping.tsv line 3: expected 'symbol<TAB>token'"),
                e.getMessage());
        }
    }

    @Test
    void aSequenceThatCannotBeMappedIsNamedByWhereItCameFrom() {
        final TokenMapping mapping = TokenMapping.fromTable(SymbolTokenizer.kmers(3), Map.of("ACG", "house"));
        assertEquals("house house", mapping.apply("ACGACG", "row 1"));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> mapping.apply("ACGTTT", "training row 7"));
        assertTrue(e.getMessage().startsWith("training row 7: "), e.getMessage());
    }
}
