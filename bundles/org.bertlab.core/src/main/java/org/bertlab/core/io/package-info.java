/**
 * How the engine writes a user's files: every output goes to a temporary sibling that is moved into place only when
 * complete, outputs never replace an input, a symlink, a special file or a folder the engine did not write, and
 * temporaries of an interrupted run are removed (on failure, on cancel and at JVM shutdown). See
 * docs/your-files.md for the promise in plain words.
 */
package org.bertlab.core.io;
