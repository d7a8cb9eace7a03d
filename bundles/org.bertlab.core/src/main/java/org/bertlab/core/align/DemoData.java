package org.bertlab.core.align;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The English–Chinese demo data shipped with the engine (CC0, see {@code data/README.md} beside the files): a
 * dictionary of 370 pairs of common words and an English and a Chinese corpus in which they occur.
 */
public final class DemoData {

    public static final String DICTIONARY = "data/en-zh.txt";

    public static final String ENGLISH_CORPUS = "data/en.txt";

    public static final String CHINESE_CORPUS = "data/zh.txt";

    private DemoData() {
    }

    /** A resource of this package as a stream; the caller closes it. */
    public static InputStream open(final String resource) {
        final InputStream in = DemoData.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("The demo data " + resource + " is not on the class path.");
        }
        return in;
    }

    public static BilingualDictionary dictionary() {
        try (InputStream in = open(DICTIONARY)) {
            return BilingualDictionary.read(in, "demo dictionary " + DICTIONARY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> englishCorpus() {
        return lines(ENGLISH_CORPUS);
    }

    public static List<String> chineseCorpus() {
        return lines(CHINESE_CORPUS);
    }

    /** The lines of a UTF-8 resource. */
    public static List<String> lines(final String resource) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(resource),
            StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
