/**
 * Extractive question answering's reading of a context, shared by training and prediction:
 * {@link org.bertlab.core.qa.QaWindows} (question plus overlapping context windows, answer spans back to
 * characters) and {@link org.bertlab.core.qa.QaSettings} (the windows a model was trained with, saved beside it).
 */
package org.bertlab.core.qa;
