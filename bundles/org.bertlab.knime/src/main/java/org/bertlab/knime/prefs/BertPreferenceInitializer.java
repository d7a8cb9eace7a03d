package org.bertlab.knime.prefs;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;

/** Registered at {@code org.eclipse.core.runtime.preferences}: the defaults of {@link BertPreferences}. */
public final class BertPreferenceInitializer extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        final IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(BertPreferences.NODE);
        defaults.put(BertPreferences.KEY_CACHE_DIR, BertPreferences.DEFAULT_CACHE_DIR);
        defaults.put(BertPreferences.KEY_DEVICE, BertPreferences.DEFAULT_DEVICE);
        defaults.putInt(BertPreferences.KEY_THREADS, BertPreferences.DEFAULT_THREADS);
        defaults.putBoolean(BertPreferences.KEY_OFFLINE, BertPreferences.DEFAULT_OFFLINE);
        defaults.put(BertPreferences.KEY_LIBTORCH, BertPreferences.DEFAULT_LIBTORCH);
    }
}
