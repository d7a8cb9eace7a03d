/**
 * Seeded artificial corpora for pre-training experiments on data without any natural language.
 *
 * <p>The kinds follow Chiang &amp; Lee, "Pretrained language model embryology" (2020) and "On the
 * transferability of pre-trained language models: a study from artificial datasets" (AAAI 2022), which in
 * turn take the parenthesis corpora from Papadimitriou &amp; Jurafsky, "Learning music helps you read"
 * (EMNLP 2020). Each kind isolates one property of language (token statistics, pairing, nesting, local
 * order) so that what a model transfers can be traced back to that property.
 *
 * <p>Entry points: {@link org.bertlab.core.corpus.CorpusOptions} (every default and every validation rule),
 * {@link org.bertlab.core.corpus.CorpusGenerator} (streaming), {@link org.bertlab.core.corpus.ArtificialCorpus}
 * (in memory), {@link org.bertlab.core.corpus.CorpusWriter} and {@link org.bertlab.core.corpus.CorpusReader}
 * (one sequence per line).
 */
package org.bertlab.core.corpus;
