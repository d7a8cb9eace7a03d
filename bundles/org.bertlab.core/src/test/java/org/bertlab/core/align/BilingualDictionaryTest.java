package org.bertlab.core.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BilingualDictionaryTest {

    @TempDir
    Path dir;

    private static BilingualDictionary parse(final String text) throws IOException {
        return BilingualDictionary.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "d.txt");
    }

    @Test
    void readsTabsAndSpacesWithSeveralTargetsPerSource() throws IOException {
        final BilingualDictionary d = parse("\uFEFFcat\t猫\ndog 狗\n\nmother\t母亲\nmother   妈妈\ncat\t猫\n"
            + "ice cream\t冰淇淋\n");
        assertEquals(List.of("cat", "dog", "mother", "ice cream"), d.sources());
        assertEquals(Set.of("母亲", "妈妈"), d.targetsBySource().get("mother"));
        assertEquals(5, d.size(), "the repeated pair counts once");
        assertEquals(List.of("猫", "狗", "母亲", "妈妈", "冰淇淋"), d.targets());
        assertEquals(Set.of("mother"), d.reversed().targetsBySource().get("妈妈"));
        assertEquals(4, d.pairs().get(2).line());
    }

    @Test
    void aLineWithAMissingWordIsSkippedAndCountedWithItsLine() throws IOException {
        final BilingualDictionary d = parse("cat\t猫\ndog\n\t鱼\nbird 鸟\n");
        assertEquals(2, d.size());
        assertEquals(List.of("d.txt, line 2: missing target word", "d.txt, line 3: missing source word"),
            d.skippedLines());
    }

    @Test
    void anEmptyDictionaryIsAClearError() {
        final DictionaryFormatException e = assertThrows(DictionaryFormatException.class, () -> parse("\n  \n"));
        assertTrue(e.getMessage().contains("d.txt: the dictionary is empty"), e.getMessage());
        final DictionaryFormatException onlyHalf = assertThrows(DictionaryFormatException.class,
            () -> parse("cat\ndog\n"));
        assertTrue(onlyHalf.getMessage().contains("2 lines miss a word"), onlyHalf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BilingualDictionary.of(List.of()));
    }

    @Test
    void threeSpaceSeparatedFieldsNameFileAndLine() {
        final DictionaryFormatException e = assertThrows(DictionaryFormatException.class,
            () -> parse("cat 猫\nice cream 冰淇淋\n"));
        assertTrue(e.getMessage().startsWith("d.txt, line 2: 3 space-separated fields"), e.getMessage());
    }

    @Test
    void invalidUtf8AndMissingFilesAreNamed() throws IOException {
        final DictionaryFormatException e = assertThrows(DictionaryFormatException.class, () -> BilingualDictionary
            .read(new ByteArrayInputStream(new byte[]{'a', '\t', 'b', '\n', (byte)0xC3, (byte)0x28, '\n'}), "x.txt"));
        assertTrue(e.getMessage().startsWith("x.txt, line 2: not valid UTF-8"), e.getMessage());
        final Path missing = dir.resolve("none.txt");
        assertTrue(assertThrows(DictionaryFormatException.class, () -> BilingualDictionary.read(missing))
            .getMessage().contains("none.txt"));
        final Path file = Files.writeString(dir.resolve("ok.txt"), "fish\t鱼\n", StandardCharsets.UTF_8);
        assertEquals(1, BilingualDictionary.read(file).size());
    }

    @Test
    void theShippedDictionaryParsesWithoutSkips() {
        final BilingualDictionary d = DemoData.dictionary();
        assertEquals(370, d.size());
        assertTrue(d.skippedLines().isEmpty());
        assertTrue(d.sources().size() > 300);
        assertTrue(DemoData.englishCorpus().size() > 600 && DemoData.chineseCorpus().size() > 600);
    }
}
