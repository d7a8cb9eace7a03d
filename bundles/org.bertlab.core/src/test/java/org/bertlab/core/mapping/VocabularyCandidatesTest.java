package org.bertlab.core.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class VocabularyCandidatesTest {

    @Test
    void keepsWholeLetterWordsInVocabularyOrder() {
        List<String> vocab = List.of("[PAD]", "[unused3]", "[CLS]", "the", "##ing", "##s", "!", "1990", "don't",
                "über", "和", "x2", "", "of", "the");
        assertEquals(List.of("the", "über", "和", "of"), VocabularyCandidates.wordLike(vocab));
    }
}
