package org.bertlab.core.runtime;

import java.util.Locale;

import org.apache.commons.lang3.StringUtils;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The device a user asked for ("cpu", "gpu", "gpu:1") and the device actually used. Asking for a GPU that DJL does
 * not see falls back to the CPU, and the fallback is reported in {@link Resolved#note()}, never silently.
 *
 * @param gpuIndex the GPU asked for, or -1 for the CPU
 */
public record DeviceChoice(int gpuIndex) {

    public static final DeviceChoice CPU = new DeviceChoice(-1);

    /** The device actually used and, where it differs from what was asked, why. */
    public record Resolved(Device device, String note) {
    }

    /** Parses "cpu", "gpu", "gpu0", "gpu:1" or "cuda:1". */
    public static DeviceChoice parse(final String text) {
        final String t = StringUtils.defaultString(text).trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || "cpu".equals(t)) {
            return CPU;
        }
        final String rest = StringUtils.removeStart(StringUtils.removeStart(t, "gpu"), "cuda");
        if (rest.equals(t)) {
            throw new IllegalArgumentException("Unknown device '" + text + "': use cpu, gpu or gpu:N.");
        }
        final String index = StringUtils.removeStart(rest, ":");
        if (index.isEmpty()) {
            return new DeviceChoice(0);
        }
        if (!StringUtils.isNumeric(index)) {
            throw new IllegalArgumentException("Unknown device '" + text + "': use cpu, gpu or gpu:N.");
        }
        return new DeviceChoice(Integer.parseInt(index));
    }

    /** Resolves against the GPUs the PyTorch engine sees. */
    public Resolved resolve() {
        if (gpuIndex < 0) {
            return new Resolved(Device.cpu(), "");
        }
        final Engine engine = DjlRuntime.engine();
        final int gpus = engine.getGpuCount();
        if (gpuIndex < gpus) {
            return new Resolved(Device.gpu(gpuIndex), "");
        }
        return new Resolved(Device.cpu(), "GPU " + gpuIndex + " was asked for but the PyTorch engine sees " + gpus
            + " GPU(s) (native flavour: " + DjlRuntime.nativeFlavour() + "); running on the CPU instead.");
    }

    @Override
    public String toString() {
        return gpuIndex < 0 ? "cpu" : "gpu:" + gpuIndex;
    }
}
