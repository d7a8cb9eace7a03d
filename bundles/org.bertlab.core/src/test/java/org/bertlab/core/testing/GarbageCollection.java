package org.bertlab.core.testing;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/** Forces what a busy JVM does at unpredictable moments: a full collection whose cleaners have run. */
public final class GarbageCollection {

    private GarbageCollection() {
    }

    /**
     * Collects until an object dropped here has been collected twice over, so that every direct buffer unreachable
     * before the call has had its cleaner run (the reference handler thread runs cleaners and enqueues weak
     * references batch after batch; the second marker comes from a later batch than anything found by the first
     * collection).
     */
    public static void collectAndRunCleaners() {
        for (int round = 0; round < 2; round++) {
            final ReferenceQueue<Object> queue = new ReferenceQueue<>();
            final WeakReference<Object> marker = new WeakReference<>(new Object(), queue);
            try {
                for (int i = 0; i < 50 && queue.poll() == null; i++) {
                    System.gc();
                    if (queue.remove(20) != null) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            marker.clear();
        }
    }
}
