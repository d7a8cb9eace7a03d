package org.bertlab.core.tokenize;

import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * Turns a BERT {@code vocab.txt} into the equivalent Hugging Face {@code tokenizer.json} (BertNormalizer,
 * BertPreTokenizer, WordPiece, [CLS] … [SEP] post-processing), which is what transformers' own converter produces
 * for a BertTokenizer. One tokenizer implementation (the Rust one in DJL) then serves both file kinds, and a model
 * saved by the engine always carries a tokenizer.json.
 */
final class WordPieceJson {

    private WordPieceJson() {
    }

    static JsonObject fromVocabulary(final List<String> vocabulary, final boolean lowercase, final String source)
        throws TokenizerLoadException {
        final JsonObject vocab = new JsonObject();
        for (int i = 0; i < vocabulary.size(); i++) {
            if (!vocab.has(vocabulary.get(i))) {
                vocab.addProperty(vocabulary.get(i), i);
            }
        }
        for (final String special : List.of("[CLS]", "[SEP]", "[UNK]", "[PAD]", "[MASK]")) {
            if (!vocab.has(special)) {
                throw new TokenizerLoadException(source + ": the vocabulary lacks the special token " + special
                    + " that a BERT tokenizer needs.");
            }
        }
        final JsonObject json = new JsonObject();
        json.addProperty("version", "1.0");
        json.add("truncation", JsonNull.INSTANCE);
        json.add("padding", JsonNull.INSTANCE);
        final JsonArray added = new JsonArray();
        for (final String special : List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")) {
            final JsonObject token = new JsonObject();
            token.addProperty("id", vocab.get(special).getAsInt());
            token.addProperty("content", special);
            token.addProperty("single_word", false);
            token.addProperty("lstrip", false);
            token.addProperty("rstrip", false);
            token.addProperty("normalized", false);
            token.addProperty("special", true);
            added.add(token);
        }
        json.add("added_tokens", added);
        final JsonObject normalizer = new JsonObject();
        normalizer.addProperty("type", "BertNormalizer");
        normalizer.addProperty("clean_text", true);
        normalizer.addProperty("handle_chinese_chars", true);
        normalizer.add("strip_accents", JsonNull.INSTANCE);
        normalizer.addProperty("lowercase", lowercase);
        json.add("normalizer", normalizer);
        final JsonObject preTokenizer = new JsonObject();
        preTokenizer.addProperty("type", "BertPreTokenizer");
        json.add("pre_tokenizer", preTokenizer);
        final JsonObject post = new JsonObject();
        post.addProperty("type", "BertProcessing");
        post.add("sep", pair("[SEP]", vocab.get("[SEP]").getAsInt()));
        post.add("cls", pair("[CLS]", vocab.get("[CLS]").getAsInt()));
        json.add("post_processor", post);
        final JsonObject decoder = new JsonObject();
        decoder.addProperty("type", "WordPiece");
        decoder.addProperty("prefix", "##");
        decoder.addProperty("cleanup", true);
        json.add("decoder", decoder);
        final JsonObject model = new JsonObject();
        model.addProperty("type", "WordPiece");
        model.addProperty("unk_token", "[UNK]");
        model.addProperty("continuing_subword_prefix", "##");
        model.addProperty("max_input_chars_per_word", 100);
        model.add("vocab", vocab);
        json.add("model", model);
        return json;
    }

    private static JsonArray pair(final String token, final int id) {
        final JsonArray array = new JsonArray();
        array.add(token);
        array.add(id);
        return array;
    }
}
