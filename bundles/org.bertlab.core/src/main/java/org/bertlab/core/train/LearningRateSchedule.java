package org.bertlab.core.train;

/**
 * Linear warm-up from 0 to the peak over the first warm-up steps, then linear decay to 0 at the last step, as
 * BERT (Devlin et al. 2019) and transformers' get_linear_schedule_with_warmup.
 *
 * @param peak the learning rate at the end of warm-up
 * @param warmupSteps steps of warm-up (0 starts at the peak)
 * @param totalSteps all steps of the run
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps) {

    public static LearningRateSchedule of(final double peak, final double warmupFraction, final int totalSteps) {
        return new LearningRateSchedule(peak, (int)Math.round(warmupFraction * totalSteps), totalSteps);
    }

    /** The learning rate of 1-based step {@code step}. */
    public double at(final int step) {
        if (step <= warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        final int decaySteps = Math.max(1, totalSteps - warmupSteps);
        // transformers uses (total - step) / (total - warmup) with 0-based steps; with 1-based steps the last
        // step would get 0 and do nothing, so the decay ends one step after the run.
        return peak * Math.max(0.0, (double)(totalSteps - step + 1) / decaySteps);
    }
}
