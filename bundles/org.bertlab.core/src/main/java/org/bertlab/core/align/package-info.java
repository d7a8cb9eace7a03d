/**
 * Cross-lingual analysis of a BERT's representations: which words of two languages the model places together.
 *
 * <p>{@link org.bertlab.core.align.WordVectors} makes one vector per word and layer (contextual average over a
 * corpus, the word alone, or the static input embedding); {@link org.bertlab.core.align.DictionaryMrr} ranks
 * translation candidates by cosine and reports MRR and precision@k against a
 * {@link org.bertlab.core.align.BilingualDictionary}; {@link org.bertlab.core.align.LanguageOffset} measures the
 * offset between the languages' mean vectors and what adding it does for translation;
 * {@link org.bertlab.core.align.MrrChart} draws MRR by layer. Options live in
 * {@link org.bertlab.core.align.MrrOptions} and {@link org.bertlab.core.align.OffsetOptions};
 * {@link org.bertlab.core.align.DemoData} is the shipped English–Chinese dictionary and corpora.
 */
package org.bertlab.core.align;
