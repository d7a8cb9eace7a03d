package org.bertlab.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-training vocabulary, counted by hand, and its tokenizer as a vocab.txt folder would give it. */
class WholeWordVocabularyTest {

    @TempDir
    Path dir;

    @Test
    void specialsThenWordsByFrequencyTiesInFirstSeenOrder() {
        // "17" ×3, "4" ×3 (17 seen first), "," ×2, "鱼" ×1, "Fish" ×1, "9" ×1 (seen before 鱼 and Fish)
        final List<String> texts = List.of("17 4 4 17, 9", "17 鱼Fish 4,");
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "17", "4", ",", "9", "鱼", "Fish"),
            WholeWordVocabulary.build(texts, 100));
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "17", "4"),
            WholeWordVocabulary.build(texts, 2), "at most maxWords words");
    }

    @Test
    void aSpecialTokenInTheTextIsNotCountedTwice() {
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a"),
            WholeWordVocabulary.build(List.of("a [MASK] a"), 10).subList(0, 6));
    }

    @Test
    void theInMemoryTokenizerReadsAsTheVocabFileOne() throws Exception {
        final List<String> vocabulary = WholeWordVocabulary.build(List.of("the cat sat", "a dog, the mat 猫"), 50);
        Files.write(dir.resolve(BertTokenizer.VOCAB_TXT), vocabulary, StandardCharsets.UTF_8);
        try (BertTokenizer memory = BertTokenizer.fromVocabulary(vocabulary, false, 16, "test");
            BertTokenizer file = BertTokenizer.fromFolder(dir, false, 16)) {
            for (final String text : List.of("the cat sat", "The Dog, 猫 unknownword", "a mat mat mat mat mat mat "
                + "mat mat mat mat mat mat mat mat mat mat mat")) {
                assertArrayEquals(file.encode(text).ids(), memory.encode(text).ids(), text);
            }
        }
    }
}
