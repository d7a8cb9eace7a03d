package org.bertlab.core.train;

/**
 * One text for masked-LM training (blank texts are skipped and counted).
 *
 * @param text the text; for artificial corpora the token ids separated by spaces
 */
public record TextExample(String text) {
}
