package org.bertlab.core.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertTokenizerTest {

    @TempDir
    Path dir;

    private static BertTokenizer bge(final Boolean lowercase, final int maxLength) throws IOException {
        try (InputStream in = BertTokenizerTest.class.getResourceAsStream("/bge-small-zh-v1.5-tokenizer.json")) {
            return BertTokenizer.fromJson(in, "bge tokenizer.json", lowercase, maxLength);
        }
    }

    @Test
    void vocabTxtGivesTheSameIdsAsTheOriginalTokenizerJson() throws IOException {
        try (BertTokenizer json = bge(true, 128)) {
            Files.write(dir.resolve("vocab.txt"), json.vocabulary(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": true}");
            try (BertTokenizer vocab = BertTokenizer.fromFolder(dir, null, 128)) {
                assertTrue(vocab.lowercase());
                for (final String s : TestModels.mixedSentences()) {
                    assertArrayEquals(json.encode(s).ids(), vocab.encode(s).ids(), s);
                }
            }
        }
    }

    @Test
    void lowercaseSwitchTurnsCapitalisedEnglishFromUnknownIntoWords() throws IOException {
        try (BertTokenizer asShipped = bge(null, 64); BertTokenizer lower = bge(true, 64)) {
            final int unk = asShipped.unknownId();
            assertFalse(asShipped.lowercase());
            assertTrue(contains(asShipped.encode("Fish").ids(), unk), "bge ships without lower-casing");
            assertFalse(contains(lower.encode("Fish").ids(), unk));
            assertArrayEquals(lower.encode("fish").ids(), lower.encode("Fish").ids());
        }
    }

    @Test
    void offsetsPointBackIntoTheText() throws IOException {
        try (BertTokenizer t = bge(true, 64)) {
            final String text = "Hello 世界, fish!";
            final TokenizedText enc = t.encode(text);
            assertEquals("[CLS]", enc.tokens()[0]);
            assertEquals("[SEP]", enc.tokens()[enc.length() - 1]);
            assertTrue(enc.isSpecial(0) && enc.isSpecial(enc.length() - 1));
            assertEquals(enc.length() - 2, enc.realTokenCount());
            for (int i = 1; i < enc.length() - 1; i++) {
                final String piece = text.substring(enc.starts()[i], enc.ends()[i]).toLowerCase();
                assertEquals(enc.tokens()[i].replace("##", ""), piece, "token " + i);
            }
        }
    }

    @Test
    void pairsAreSeparatedAndTypedAndTruncatedToMaxLength() throws IOException {
        try (BertTokenizer t = bge(true, 16)) {
            final TokenizedText pair = t.encode("where is the fish", "the fish is in the water");
            final long seps = java.util.Arrays.stream(pair.ids()).filter(id -> id == t.sepId()).count();
            assertEquals(2, seps);
            assertEquals(0, pair.typeIds()[1]);
            assertEquals(1, pair.typeIds()[pair.length() - 2]);
            final TokenizedText longText = t.encode("one two three four five six seven eight nine ten eleven "
                + "twelve thirteen fourteen fifteen sixteen seventeen");
            assertEquals(16, longText.length());
            assertTrue(longText.truncated());
            assertEquals(t.sepId(), longText.ids()[15]);
        }
    }

    @Test
    void encodeAllEqualsEncodeOneByOne() throws IOException {
        try (BertTokenizer t = bge(true, 64)) {
            final List<String> texts = TestModels.mixedSentences();
            final List<TokenizedText> all = t.encodeAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(t.encode(texts.get(i)).ids(), all.get(i).ids());
            }
        }
    }

    @Test
    void missingTokenizerNamesTheFolder() {
        final TokenizerLoadException e = assertThrows(TokenizerLoadException.class,
            () -> BertTokenizer.fromFolder(dir, null, 64));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("tokenizer.json"),
            e.getMessage());
    }

    @Test
    void vocabularyWithoutSpecialTokensIsRefused() throws IOException {
        Files.write(dir.resolve("vocab.txt"), List.of("a", "b", "c"));
        final TokenizerLoadException e = assertThrows(TokenizerLoadException.class,
            () -> BertTokenizer.fromFolder(dir, null, 64));
        assertTrue(e.getMessage().contains("vocab.txt") && e.getMessage().contains("[CLS]"), e.getMessage());
    }

    private static boolean contains(final long[] ids, final long id) {
        return java.util.Arrays.stream(ids).anyMatch(x -> x == id);
    }
}
