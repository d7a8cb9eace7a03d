package org.bertlab.core.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenMappingFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSettingsLineHeaderAndRows() throws IOException {
        TokenMapping m = TokenMapping.fromTable(SymbolTokenizer.kmers(3), Map.of("TTA", "tree", "ACG", "house"));
        Path file = TokenMappingFile.writeToFolder(m, dir);
        assertEquals(dir.resolve("token_mapping.tsv"), file);
        assertEquals("# k=3 stride=3 unit=kmer unknown=fail\nsymbol\ttoken\nACG\thouse\nTTA\ttree\n",
                Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void saveThenLoadGivesAnEqualMapping() throws IOException {
        SymbolTokenizer tokenizer = SymbolTokenizer.kmers(4, 2);
        List<String> ranked = VocabularyCandidates.wordLike(List.of("[PAD]", "the", "##s", "of", "über", "和",
                "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not"));
        TokenMapping m = TokenMapping.byFrequency(tokenizer, List.of("ACGTACGTTTGA", "acgtaaac"), ranked)
                .withUnknownPolicy(UnknownSymbolPolicy.replaceWith("[UNK]"));
        TokenMappingFile.writeToFolder(m, dir);
        TokenMapping loaded = TokenMappingFile.readFromFolder(dir);
        assertEquals(m, loaded);
        assertEquals(List.copyOf(m.asMap().keySet()), List.copyOf(loaded.asMap().keySet()), "rank order kept");
        assertEquals(m.apply("ACGTACGTGGGG"), loaded.apply("ACGTACGTGGGG"));

        TokenMapping units = TokenMapping.random(SymbolTokenizer.units(), List.of("1", "2", "3"),
                List.of("sun", "moon", "star", "sky"), 9).withUnknownPolicy(UnknownSymbolPolicy.skip());
        Path file = dir.resolve("units.tsv");
        TokenMappingFile.write(units, file);
        assertEquals(units, TokenMappingFile.read(file));
    }

    private IllegalArgumentException loadError(String content) throws IOException {
        Path file = dir.resolve(TokenMappingFile.FILE_NAME);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return assertThrows(IllegalArgumentException.class, () -> TokenMappingFile.read(file));
    }

    @Test
    void malformedLineIsNamedWithFileAndLine() throws IOException {
        IllegalArgumentException e = loadError(
                "# k=3 stride=3 unit=kmer unknown=fail\nsymbol\ttoken\nACG\thouse\nTTA tree\n");
        assertEquals(dir.resolve("token_mapping.tsv")
                + " line 4: expected 'symbol<TAB>token' but found 1 field(s) in 'TTA tree'", e.getMessage());
    }

    @Test
    void duplicateTokenInFileIsNamedWithLine() throws IOException {
        IllegalArgumentException e = loadError(
                "# k=3 stride=3 unit=kmer unknown=fail\nsymbol\ttoken\nACG\thouse\nTTA\ttree\nGGC\thouse\n");
        assertEquals(dir.resolve("token_mapping.tsv") + " line 5: mapping must be one-to-one but token 'house'"
                + " is the target of both 'ACG' and 'GGC'", e.getMessage());
    }

    @Test
    void badSettingsAndHeaderAreNamed() throws IOException {
        String path = dir.resolve("token_mapping.tsv").toString();
        IllegalArgumentException e = loadError("# k=3 stride=5 unit=kmer unknown=fail\nsymbol\ttoken\n");
        assertEquals(path + " line 1: stride must be in [1, k=3] but was 5", e.getMessage());
        e = loadError("# k=3 stride=3 unit=kmer\nsymbol\ttoken\n");
        assertTrue(e.getMessage().startsWith(path + " line 1: expected the settings k, stride, unit, unknown"),
                e.getMessage());
        e = loadError("# k=3 stride=3 unit=word unknown=fail\nsymbol\ttoken\n");
        assertEquals(path + " line 1: unit must be one of kmer, unit but was 'word'", e.getMessage());
        e = loadError("# k=3 stride=3 unit=kmer unknown=fail\nsymbol,token\n");
        assertTrue(e.getMessage().startsWith(path + " line 2: expected the header"), e.getMessage());
        e = loadError("symbol\ttoken\nACG\thouse\n");
        assertTrue(e.getMessage().startsWith(path + " line 1: expected a comment"), e.getMessage());
    }
}
