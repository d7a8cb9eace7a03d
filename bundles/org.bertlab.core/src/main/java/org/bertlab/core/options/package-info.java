/**
 * Engine messages that name options. The engine knows an option by its id (the command line's long name without
 * dashes, e.g. {@code learning-rate}); each face names it in its own words: the command line as a flag, a KNIME
 * node by its dialog label.
 */
package org.bertlab.core.options;
