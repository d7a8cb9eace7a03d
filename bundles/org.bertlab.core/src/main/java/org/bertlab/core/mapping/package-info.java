/**
 * Cross-discipline token mapping: the symbols of another discipline (DNA or protein k-mers, discrete speech or
 * music unit ids) are mapped one-to-one onto tokens of a language model's vocabulary, so that a pre-trained
 * text model can be fine-tuned on non-text sequences through its own embedding table. This is the setting of
 * cross-disciplinary transfer studies such as Papadimitriou &amp; Jurafsky (2020) and Chiang &amp; Lee (2022), where
 * the assignment of symbols to tokens (random, or by matching frequency ranks) is itself an experimental
 * variable.
 *
 * <p>Entry points: {@link org.bertlab.core.mapping.SymbolTokenizer} (raw sequence to symbols),
 * {@link org.bertlab.core.mapping.TokenMapping} (symbols to vocabulary tokens),
 * {@link org.bertlab.core.mapping.TokenMappingFile} ({@code token_mapping.tsv} in a model folder) and
 * {@link org.bertlab.core.mapping.VocabularyCandidates} (which vocabulary tokens may be targets).
 */
package org.bertlab.core.mapping;
