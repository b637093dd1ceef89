package dev.sluice.client;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The half of {@link SluiceClient} that works on jobs that exist: reading, following, exporting,
 * cancelling and deleting them, and waiting for their end. Package-private: its public methods are
 * {@link SluiceClient}'s, documented there and called through it, as {@code StringBuilder}'s come
 * from {@code AbstractStringBuilder}; sealed to {@link SluiceClient}.
 */
abstract sealed class JobsClient permits SluiceClient {
    private static final Duration FIRST_POLL = Duration.ofMillis(50);
    private static final Duration MAX_POLL = Duration.ofSeconds(2);

    private final ImportCalls imports;

    JobsClient(ImportCalls imports) {
        this.imports = imports;
    }

    /** {@code GET /v1/imports}: jobs, newest first. @throws SluiceApiException {@code 400 invalid_option} for a bad state, limit or cursor */
    public Page<ImportJob> listImports(ImportFilter filter) {
        return imports.list(filter);
    }

    /** The status document. @throws SluiceApiException {@code 404 import_not_found} */
    public ImportJob getImport(String id) {
        return imports.get(id);
    }

    /**
     * {@code GET /v1/imports/{id}/events}: follows the job's events on the calling thread, handing each
     * to {@code listener}, until {@code end} (or the server closes the stream, e.g. when it stops).
     * No request timeout applies: heartbeats keep an idle stream open.
     *
     * @param lastEventId the id of the last event seen, to resume after it; null for all
     * @return the id of the last event handed on, to resume from; null when there was none
     * @throws SluiceApiException {@code 404 import_not_found}, {@code 503 too_many_streams}, or {@code 404}
     *                            from a server without event streams
     * @throws SluiceClientException when the connection fails or breaks off
     */
    public String events(String id, String lastEventId, Consumer<ServerEvent> listener) {
        return imports.events(id, lastEventId, listener);
    }

    /** {@code GET /v1/imports/{id}/results}: a page of per-row results. */
    public Page<RowResult> results(String id, ResultFilter filter) {
        return imports.results(id, filter);
    }

    /**
     * Streams every matching result to {@code out} as JSON lines or CSV, as the server sends it;
     * {@code out} is not closed. Answers the bytes written.
     */
    public long exportResults(String id, ResultFormat format, ResultFilter filter, OutputStream out) {
        return imports.export(id, format, filter, out);
    }

    /** As {@link #exportResults(String, ResultFormat, ResultFilter, OutputStream)}, into a new or replaced file. */
    public long exportResults(String id, ResultFormat format, ResultFilter filter, Path target) {
        return imports.export(id, format, filter, target);
    }

    /**
     * The failed rows as CSV, their original columns plus {@code _line,_error_code,_error_field,_error_message}:
     * fit to fix and submit again.
     */
    public long exportFailedRows(String id, Path target) {
        return exportResults(id, ResultFormat.CSV, ResultFilter.failed(), target);
    }

    /** As {@link #exportFailedRows(String, Path)}, to a stream that is not closed. */
    public long exportFailedRows(String id, OutputStream out) {
        return exportResults(id, ResultFormat.CSV, ResultFilter.failed(), out);
    }

    /** {@code GET /v1/imports/{id}/log}: one line per event, as text. */
    public String log(String id) {
        return imports.log(id);
    }

    /** {@code GET /v1/imports/{id}/log?format=json}: the log's events. */
    public List<LogLine> logLines(String id) {
        return imports.logLines(id);
    }

    /**
     * {@code POST /v1/imports/{id}/cancel}: a job that is not running is cancelled at once; a running one
     * stops after its current chunk (the answer is still {@code running}, {@code currentOperation}
     * {@code cancelling}). @throws SluiceApiException {@code 409 import_finished} when it has ended
     */
    public ImportJob cancel(String id) {
        return imports.cancel(id);
    }

    /** Deletes an ended job with its results, log and staged files. @throws SluiceApiException {@code 409 import_running} */
    public void deleteImport(String id) {
        imports.delete(id);
    }

    /**
     * Polls the job until it reaches a terminal state, waiting 50 ms before the second poll and
     * doubling up to 2 s between later ones.
     *
     * @throws SluiceTimeoutException when it has not ended within {@code timeout} (the job goes on)
     */
    public ImportJob awaitCompletion(String id, Duration timeout) {
        return awaitCompletion(id, timeout, job -> { });
    }

    /** As {@link #awaitCompletion(String, Duration)}, handing every polled status to {@code onPoll} (e.g. a progress bar). */
    public ImportJob awaitCompletion(String id, Duration timeout, Consumer<ImportJob> onPoll) {
        return new AwaitCompletion(this::getImport, FIRST_POLL, MAX_POLL).await(id, timeout, onPoll);
    }
}
