package dev.sluice.job;

import java.util.Locale;

/**
 * What a job does with conflicts, errors and results. Immutable and thread-safe.
 *
 * @param onConflict what a row whose key already exists does
 * @param errorMode  {@code abort}: the first failed row fails the job
 * @param maxErrors  error budget: more failed rows than this fails the job; null for none
 * @param results    which per-row results are kept
 * @param jobType    {@code import} writes, {@code validate} only reports would-be outcomes
 * @param notifyUrl  where a signed callback is sent when the job ends; null for none
 * @param atomic     all rows or none: the rows are staged and written in one final transaction, only
 *                   when the job ends within its error budget (docs/concepts.md, "Atomic imports")
 */
public record ImportOptions(ConflictPolicy onConflict, ErrorMode errorMode, Long maxErrors, Results results,
                            JobType jobType, String notifyUrl, boolean atomic) {

    public static final ImportOptions DEFAULT =
            new ImportOptions(ConflictPolicy.SKIP, ErrorMode.CONTINUE, null, Results.ERRORS, JobType.IMPORT);

    public ImportOptions {
        if (maxErrors != null && maxErrors < 0) {
            throw new IllegalArgumentException("max_errors cannot be negative, got " + maxErrors);
        }
    }

    /** Options without a {@code notify_url}, of a job that is not atomic. */
    public ImportOptions(ConflictPolicy onConflict, ErrorMode errorMode, Long maxErrors, Results results,
                         JobType jobType) {
        this(onConflict, errorMode, maxErrors, results, jobType, null, false);
    }

    /** The options {@code given} sets, each absent one taken from {@code defaults}. */
    public static ImportOptions of(OptionSet given, ImportOptions defaults) {
        return new ImportOptions(given.get(Options.ON_CONFLICT, defaults.onConflict()),
                given.get(Options.ERROR_MODE, defaults.errorMode()),
                given.get(Options.MAX_ERRORS, defaults.maxErrors()),
                given.get(Options.RESULTS, defaults.results()), given.get(Options.JOB_TYPE, defaults.jobType()),
                given.get(Options.NOTIFY_URL, defaults.notifyUrl()), given.get(Options.ATOMIC, defaults.atomic()));
    }

    /**
     * These options as an {@link OptionSet}, for storing ({@code max_errors}, {@code notify_url} absent when
     * null, {@code atomic} when false).
     */
    public OptionSet asOptions() {
        return OptionSet.EMPTY.with(Options.ON_CONFLICT, onConflict).with(Options.ERROR_MODE, errorMode)
                .with(Options.MAX_ERRORS, maxErrors).with(Options.RESULTS, results).with(Options.JOB_TYPE, jobType)
                .with(Options.NOTIFY_URL, notifyUrl).with(Options.ATOMIC, atomic ? Boolean.TRUE : null);
    }

    /**
     * How many failed rows the job tolerates before it fails: 0 when aborting on the first error,
     * {@code maxErrors} when set, otherwise unlimited.
     */
    public long errorAllowance() {
        if (errorMode == ErrorMode.ABORT) {
            return 0;
        }
        return maxErrors == null ? Long.MAX_VALUE : maxErrors;
    }

    /** The job-level error code used when the allowance is exceeded. */
    public String budgetErrorCode() {
        return errorMode == ErrorMode.ABORT ? "aborted_on_error" : "error_budget_exceeded";
    }

    /** What the job-level error says once the allowance is exceeded, after {@code processed} rows of which {@code failed} failed. */
    public String budgetErrorMessage(long processed, long failed) {
        String committed = processed + " rows were processed" + (atomic
                ? "; nothing was written to the collection (atomic=true)" : " and their effects committed");
        return errorMode == ErrorMode.ABORT ? "stopped at the first failed row (error_mode=abort); " + committed
                : failed + " rows failed, more than max_errors=" + maxErrors + "; " + committed;
    }

    public enum ErrorMode { CONTINUE, ABORT }

    public enum Results { ERRORS, ALL }

    public enum JobType { IMPORT, VALIDATE }

    /** The wire name of an option value: lower case. */
    public static String wireName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} with this wire name, or null. */
    public static <E extends Enum<E>> E parse(Class<E> type, String wire) {
        if (wire == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (wireName(e).equals(wire.trim().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        return null;
    }
}
