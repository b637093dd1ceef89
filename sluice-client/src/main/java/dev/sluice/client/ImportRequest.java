package dev.sluice.client;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The options of a job-creating call: how conflicts and errors are handled, which results are kept,
 * the format and CSV dialect of the data, whether to wait for the end, and the idempotency key.
 * Every option left null takes the server's default (see the HTTP API). Build one with
 * {@link #builder()}; {@link #defaults()} sets nothing.
 *
 * <p>Immutable and thread-safe. The builder is not thread-safe; its methods throw
 * {@link IllegalArgumentException} naming the option when a value can never be valid.
 *
 * @param maxErrors      the error budget: more failed rows than this fail the job
 * @param fileName       the name the job reports for the data (and guesses the format from)
 * @param delimiter      the CSV field separator, e.g. {@code ';'} or {@code '\t'}
 * @param header         false when the first line is data; then {@code columns} names the columns
 * @param nullValues     texts read as null, e.g. {@code NA}
 * @param strict         true: a column that is not a field fails rows with {@code unknown_field}
 * @param values         the column mapping and the local formats of values; never null
 * @param waitForCompletion true: the call answers once the job has ended, with its first results inline
 * @param waitTimeout    how long the server may hold a {@code wait} request (1 s to 1 h; server default 10 min)
 * @param idempotencyKey sent as {@code Idempotency-Key}: the same key and request within 24 h answer the same job
 * @param sheet          for {@link Format#XLSX}: the sheet to read, by name; null for the workbook's first
 * @param atomic         true: all rows or none, written in one final transaction only when the job ends
 *                       within its error budget ({@code atomic=true}); null: the server's default (false)
 * @param notifyUrl      where the server sends one signed callback when the job ends ({@code notify_url},
 *                       signed with the server's {@code --webhook-secret}); null for none
 */
public record ImportRequest(OnConflict onConflict, ErrorMode errorMode, Long maxErrors, Results results,
                            JobType jobType, Format format, String fileName, Character delimiter, Character quote,
                            Boolean header, List<String> columns, List<String> nullValues, Charset encoding,
                            Boolean strict, ValueOptions values, boolean waitForCompletion, Duration waitTimeout, String idempotencyKey,
                            String sheet,
                            Boolean atomic, String notifyUrl) {

    private static final ImportRequest DEFAULTS = builder().build();

    public ImportRequest {
        columns = columns == null ? null : List.copyOf(columns);
        nullValues = nullValues == null ? null : List.copyOf(nullValues);
        values = values == null ? ValueOptions.NONE : values;
    }

    /** No options: every one takes the server's default. */
    public static ImportRequest defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.onConflict = onConflict;
        b.errorMode = errorMode;
        b.maxErrors = maxErrors;
        b.results = results;
        b.jobType = jobType;
        b.format = format;
        b.fileName = fileName;
        b.delimiter = delimiter;
        b.quote = quote;
        b.header = header;
        b.columns = columns;
        b.nullValues = nullValues;
        b.encoding = encoding;
        b.strict = strict;
        b.values = values;
        b.waitForCompletion = waitForCompletion;
        b.waitTimeout = waitTimeout;
        b.idempotencyKey = idempotencyKey;
        b.sheet = sheet;
        b.atomic = atomic;
        b.notifyUrl = notifyUrl;
        return b;
    }

    /** What a row whose key already exists does; {@code MERGE} overwrites only the fields the source carries. */
    public enum OnConflict { SKIP, UPDATE, FAIL, MERGE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code ABORT}: the first failed row fails the job. */
    public enum ErrorMode { CONTINUE, ABORT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which per-row results are kept: failed and skipped rows only, or every row. */
    public enum Results { ERRORS, ALL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code VALIDATE}: parse, convert and resolve keys, report would-be outcomes, write nothing. */
    public enum JobType { IMPORT, VALIDATE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The formats Sluice reads, with the Content-Type each is sent as. */
    public enum Format {
        CSV("text/csv"), TSV("text/tab-separated-values"), JSONL("application/x-ndjson"), JSON("application/json"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        PARQUET("application/vnd.apache.parquet");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String mediaType() {
            return mediaType;
        }

        /** The format a file name suggests ({@code people.csv}, {@code dump.jsonl.gz}), or null. */
        public static Format fromFileName(String fileName) {
            if (fileName == null) {
                return null;
            }
            String n = fileName.toLowerCase(Locale.ROOT);
            n = n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n.endsWith(".gzip") ? n.substring(0, n.length() - 5) : n;
            if (n.endsWith(".ndjson")) {
                return JSONL;
            }
            for (Format f : values()) {
                if (n.endsWith("." + f.wireName())) {
                    return f;
                }
            }
            return null;
        }
    }

    /** Builds an {@link ImportRequest}; not thread-safe. */
    public static final class Builder extends DataOptionsBuilder {
        private OnConflict onConflict;
        private ErrorMode errorMode;
        private Long maxErrors;
        private Results results;
        private JobType jobType;
        private boolean waitForCompletion;
        private Duration waitTimeout;
        private String idempotencyKey;
        private Boolean atomic;
        private String notifyUrl;

        private Builder() {
        }

        public Builder onConflict(OnConflict onConflict) {
            this.onConflict = onConflict;
            return this;
        }

        public Builder errorMode(ErrorMode errorMode) {
            this.errorMode = errorMode;
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder maxErrors(Long maxErrors) {
            this.maxErrors = OptionChecks.notNegative("maxErrors", maxErrors);
            return this;
        }

        public Builder results(Results results) {
            this.results = results;
            return this;
        }

        public Builder jobType(JobType jobType) {
            this.jobType = jobType;
            return this;
        }

        /** True: all rows or none ({@code atomic=true}). */
        public Builder atomic(Boolean atomic) {
            this.atomic = atomic;
            return this;
        }

        /**
         * Where the server sends one signed callback when the job ends ({@code notify_url}); the server
         * needs a {@code --webhook-secret} and checks the address as it checks URL sources.
         *
         * @throws IllegalArgumentException when blank
         */
        public Builder notifyUrl(String url) {
            this.notifyUrl = OptionChecks.notBlank("notifyUrl", url);
            return this;
        }

        /** True: the call answers once the job has ended (or the wait timeout passed), with its first results inline. */
        public Builder waitForCompletion(boolean wait) {
            this.waitForCompletion = wait;
            return this;
        }

        /** @throws IllegalArgumentException outside 1 s to 1 h */
        public Builder waitTimeout(Duration waitTimeout) {
            this.waitTimeout = OptionChecks.waitTimeout(waitTimeout);
            return this;
        }

        /** @throws IllegalArgumentException when blank */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = OptionChecks.notBlank("idempotencyKey", idempotencyKey);
            return this;
        }

        public ImportRequest build() {
            return new ImportRequest(onConflict, errorMode, maxErrors, results, jobType, format, fileName, delimiter,
                    quote, header, columns, nullValues, encoding, strict, values, waitForCompletion, waitTimeout,
                    idempotencyKey, sheet, atomic, notifyUrl);
        }
    }
}
