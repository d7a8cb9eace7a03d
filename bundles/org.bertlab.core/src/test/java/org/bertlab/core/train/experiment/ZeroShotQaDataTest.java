package org.bertlab.core.train.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bertlab.core.testing.TestModels;
import org.bertlab.core.tokenize.TokenizedText;
import org.bertlab.core.train.SquadJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped English–Chinese QA set: every answer is at its offset, the files are exactly what the templates
 * build, test paragraphs are not training paragraphs, and the embedded model's vocabulary reads every word.
 */
class ZeroShotQaDataTest {

    private static List<SquadJson.Item> shipped(final String name) throws IOException {
        try (InputStream in = ZeroShotQaDataTest.class.getResourceAsStream(ZeroShotQaExperiment.DATA + name)) {
            final SquadJson.Contents c = SquadJson.read(in, name);
            assertEquals(List.of(), c.problems(), name);
            return c.items();
        }
    }

    @Test
    void everyAnswerIsTheSpanOfItsContextAtItsOffset() throws IOException {
        for (final String name : ZeroShotQaExperiment.FILES) {
            final List<SquadJson.Item> items = shipped(name);
            assertEquals(name.contains("train") ? QaDataTemplates.TRAIN : QaDataTemplates.TEST, items.size(), name);
            for (final SquadJson.Item item : items) {
                final int start = item.answerStart();
                assertTrue(start >= 0 && start + item.answerText().length() <= item.context().length(), item.id());
                assertEquals(item.answerText(), item.context().substring(start, start + item.answerText().length()),
                    item.id());
                // The question names the person whose block holds the answer.
                final String name0 = item.question().replaceAll("^(Where does |How old is |What animal does "
                    + "|What color is the car of |What does )", "").split("[ ?住今养的在喜]")[0];
                assertTrue(item.context().contains(name0), item.id() + ": " + name0);
            }
        }
    }

    @Test
    void theFilesAreWhatTheTemplatesBuild(@TempDir final Path dir) throws IOException {
        final QaDataTemplates.Sets sets = QaDataTemplates.build();
        final List<List<SquadJson.Item>> built = List.of(sets.enTrain(), sets.zhTrain(), sets.enTest(), sets.zhTest());
        final List<String> differing = new ArrayList<>();
        for (int i = 0; i < ZeroShotQaExperiment.FILES.size(); i++) {
            final String name = ZeroShotQaExperiment.FILES.get(i);
            final Path rebuilt = dir.resolve(name);
            SquadJson.write(rebuilt, ZeroShotQaExperiment.VERSION, built.get(i));
            try (InputStream in = ZeroShotQaDataTest.class.getResourceAsStream(ZeroShotQaExperiment.DATA + name)) {
                if (!Files.readString(rebuilt).equals(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                    differing.add(name);
                    final Path keep = Path.of("target", "qa-data", name);
                    Files.createDirectories(keep.getParent());
                    Files.copy(rebuilt, keep, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        assertEquals(List.of(), differing, "these files differ from what QaDataTemplates builds; the rebuilt ones "
            + "are in target/qa-data/ (copy them over if the change is intended)");
    }

    @Test
    void englishAndChineseSetsAreParallelAndTestParagraphsAreNew() throws IOException {
        final List<SquadJson.Item> enTrain = shipped("qa-en-train.json");
        final List<SquadJson.Item> zhTrain = shipped("qa-zh-train.json");
        final List<SquadJson.Item> enTest = shipped("qa-en-test.json");
        final List<SquadJson.Item> zhTest = shipped("qa-zh-test.json");
        final Set<String> trainContexts = new HashSet<>();
        enTrain.forEach(i -> trainContexts.add(i.context()));
        zhTrain.forEach(i -> trainContexts.add(i.context()));
        enTest.forEach(i -> assertFalse(trainContexts.contains(i.context()), i.id()));
        zhTest.forEach(i -> assertFalse(trainContexts.contains(i.context()), i.id()));
        for (int i = 0; i < enTest.size(); i++) {
            // Same fact kind asked: an age answer is the same number in both languages.
            assertEquals(enTest.get(i).answerText().matches("\\d+"), zhTest.get(i).answerText().matches("\\d+"));
            if (enTest.get(i).answerText().matches("\\d+")) {
                assertEquals(enTest.get(i).answerText(), zhTest.get(i).answerText());
            }
        }
        assertTrue(zhTest.stream().allMatch(i -> i.context().codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FA5)));
    }

    @Test
    void theEmbeddedVocabularyReadsEveryWord() throws IOException {
        final var tokenizer = TestModels.embedded().tokenizer();
        final int unknown = tokenizer.id("[UNK]").orElseThrow();
        for (final String name : ZeroShotQaExperiment.FILES) {
            for (final SquadJson.Item item : shipped(name)) {
                final TokenizedText t = tokenizer.encode(item.question(), item.context());
                for (final long id : t.ids()) {
                    assertTrue(id != unknown, name + " " + item.id() + " has an unknown token: " + item.context());
                }
            }
        }
    }
}
