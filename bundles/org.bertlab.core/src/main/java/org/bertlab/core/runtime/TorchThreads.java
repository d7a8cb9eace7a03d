package org.bertlab.core.runtime;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op thread count, set once and explicitly when the engine starts, so that every kernel splits its
 * work the same way in every run of a seeded training on a given machine, idle or loaded.
 *
 * <p>
 * Why: left to itself, libtorch only sizes its OpenMP pool at start-up and leaves Intel MKL (which does its float
 * matrix products) in MKL's dynamic mode, in which MKL may choose fewer threads than the pool has; a product split
 * over a different number of threads sums in a different order. On the 2-core development machine the same seeded
 * fine-tune then gave different weights in an idle and in a loaded run. Setting the count explicitly
 * ({@code torch::set_num_threads}) also switches MKL's dynamic mode off. One load-dependent difference remains,
 * tied to the timing of garbage collection (docs/training.md, "What is bit-identical"). The count itself still
 * matters: runs with 1 and 2 threads differ in the last bits, as do machines whose CPUs take different vector paths.
 *
 * <p>
 * System property {@value #PROPERTY} sets the count; without it the count is PyTorch's own default (the physical
 * cores, or DJL's {@code ai.djl.pytorch.num_threads} when given), which does not depend on the load. The value
 * {@value #DYNAMIC} leaves libtorch as it starts, MKL's dynamic mode included: not reproducible under load, kept only
 * so that the speed of the two settings can be compared ({@code bertlab bench train}, docs/training.md).
 */
public final class TorchThreads {

    /** System property: PyTorch's intra-op threads (default: PyTorch's choice at start-up). */
    public static final String PROPERTY = "bertlab.threads";

    /** Value of {@value #PROPERTY} that leaves the thread count and MKL's dynamic mode as libtorch starts them. */
    public static final String DYNAMIC = "dynamic";

    private static volatile int threads;

    private static volatile boolean fixed;

    private TorchThreads() {
    }

    /** The intra-op thread count every PyTorch kernel of this JVM uses (starts the engine if needed). */
    public static int count() {
        DjlRuntime.engine();
        return threads;
    }

    /** Whether the count was set explicitly (MKL's dynamic mode off), as it is unless {@value #DYNAMIC} was asked for. */
    public static boolean fixed() {
        DjlRuntime.engine();
        return fixed;
    }

    /** The count and whether it is fixed, for reports: "2 intra-op thread(s)" or "… (dynamic: not reproducible)". */
    public static String describe() {
        return count() + " intra-op thread(s)" + (fixed() ? "" : " (" + DYNAMIC + ": not reproducible under load)");
    }

    /** Called once by {@link DjlRuntime} right after the engine has started. */
    static synchronized void fix() {
        if (threads > 0) {
            return;
        }
        final String property = System.getProperty(PROPERTY);
        if (property != null && property.strip().equals(DYNAMIC)) {
            threads = Math.max(1, JniUtils.getNumThreads());
            return;
        }
        JniUtils.setNumThreads(wanted(property, JniUtils.getNumThreads()));
        fixed = true;
        threads = JniUtils.getNumThreads();
    }

    /** The count asked for by the property, or PyTorch's start-up count when the property is not set. */
    static int wanted(final String property, final int startUp) {
        if (property == null || property.isBlank()) {
            return Math.max(1, startUp);
        }
        final int n;
        try {
            n = Integer.parseInt(property.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("System property " + PROPERTY + "='" + property
                + "' is not a whole number: give the number of PyTorch threads, e.g. -D" + PROPERTY + "=2 (or " + DYNAMIC
                + " to leave libtorch's start-up setting, not reproducible under load).", e);
        }
        if (n < 1) {
            throw new IllegalArgumentException("System property " + PROPERTY + "=" + n
                + " must be at least 1: give the number of PyTorch threads, e.g. -D" + PROPERTY + "=2.");
        }
        return n;
    }
}
