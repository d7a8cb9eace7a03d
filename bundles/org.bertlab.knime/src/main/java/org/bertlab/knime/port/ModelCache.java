package org.bertlab.knime.port;

import java.util.HashMap;
import java.util.Map;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoadException;

/**
 * The models that BERT model ports have opened, shared read-only by every node that uses them and closed, with
 * their native memory, when the last node holding one is reset or disposed.
 * <p>
 * A port object only says where its model is (a file store or a referenced folder) and how to load it; the weights
 * are read on the first {@link #open} by an executing node. So opening a saved workflow builds no model, and
 * twenty nodes reading the same port share one copy. Nodes that change a model (training, token mapping) copy it
 * first.
 */
public final class ModelCache {

    /** Where a model lives and how it is loaded: one cache entry per location and options. */
    public record Key(String location, LoadOptions options) {
    }

    /** Loads a model that is not open yet. */
    @FunctionalInterface
    public interface Loader {
        BertModel load() throws ModelLoadException;
    }

    /** One node's hold on an open model; closing it lets go (idempotent). */
    public static final class Lease implements AutoCloseable {

        private final Key m_key;

        private final BertModel m_model;

        private boolean m_closed;

        private Lease(final Key key, final BertModel model) {
            m_key = key;
            m_model = model;
        }

        public BertModel model() {
            return m_model;
        }

        @Override
        public void close() {
            synchronized (ENTRIES) {
                if (m_closed) {
                    return;
                }
                m_closed = true;
                release(m_key, m_model);
            }
        }
    }

    private static final class Entry {
        private BertModel m_model;

        private int m_holders;
    }

    private static final Map<Key, Entry> ENTRIES = new HashMap<>();

    private static long s_loads;

    private ModelCache() {
    }

    /**
     * A hold on the model at the key, loading it if no node holds it yet. Loading happens under the entry's own lock,
     * so two nodes asking at once load it once and other models load in parallel.
     */
    public static Lease open(final Key key, final Loader loader) throws ModelLoadException {
        final Entry entry;
        synchronized (ENTRIES) {
            entry = ENTRIES.computeIfAbsent(key, k -> new Entry());
            entry.m_holders++;
        }
        synchronized (entry) {
            try {
                if (entry.m_model == null) {
                    entry.m_model = loader.load();
                    synchronized (ENTRIES) {
                        s_loads++;
                    }
                }
                return new Lease(key, entry.m_model);
            } catch (ModelLoadException | RuntimeException | Error e) {
                synchronized (ENTRIES) {
                    dropHolder(key, entry);
                }
                throw e;
            }
        }
    }

    /** A hold on a model its producing node has just built; the producer owns the first hold. */
    public static Lease hold(final Key key, final BertModel model) {
        synchronized (ENTRIES) {
            final Entry entry = ENTRIES.computeIfAbsent(key, k -> new Entry());
            if (entry.m_model != null && entry.m_model != model) {
                throw new IllegalStateException("A different model is already open for " + key.location());
            }
            entry.m_model = model;
            entry.m_holders++;
            return new Lease(key, model);
        }
    }

    /** How many models are open now (for tests and the memory check). */
    public static int openModels() {
        synchronized (ENTRIES) {
            return (int)ENTRIES.values().stream().filter(e -> e.m_model != null).count();
        }
    }

    /** How many models ports have loaded from their files since the start (producers' own models not counted). */
    public static long loads() {
        synchronized (ENTRIES) {
            return s_loads;
        }
    }

    private static void release(final Key key, final BertModel model) {
        final Entry entry = ENTRIES.get(key);
        if (entry != null && entry.m_model == model) {
            dropHolder(key, entry);
        }
    }

    private static void dropHolder(final Key key, final Entry entry) {
        entry.m_holders--;
        if (entry.m_holders <= 0) {
            ENTRIES.remove(key);
            if (entry.m_model != null) {
                entry.m_model.close();
            }
        }
    }
}
