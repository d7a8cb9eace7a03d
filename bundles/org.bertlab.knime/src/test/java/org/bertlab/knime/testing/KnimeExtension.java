package org.bertlab.knime.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@link KnimeTestRuntime} before any test class touches a KNIME class: KNIME's static initialisers (its
 * logger, the port type registry) must first run inside the started runtime. Registered for auto-detection.
 */
public final class KnimeExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        KnimeTestRuntime.start();
    }
}
