package dev.sluice.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * The status document of an import job, as {@code GET /v1/imports/{id}} returns it.
 * Counts only include committed rows, and {@code processed = created + updated + unchanged + skipped + failed}.
 *
 * @param state {@code open}, {@code queued}, {@code running}, {@code completed}, {@code completed_with_errors},
 *              {@code failed} or {@code cancelled}
 * @param results per-row results, present only in the answer of a synchronous ({@code wait}) import
 */
public record ImportJob(String id, String collection, String state, String jobType, Options options,
                        Progress progress, Counts counts, String currentOperation, Instant estimatedCompletion,
                        List<FileStatus> files, JobError error, boolean retryable, List<String> errorSamples,
                        int attempt, String parentId, JsonNode metadata, Provenance provenance, Instant createdAt,
                        Instant startedAt, Instant updatedAt, Instant completedAt, Instant failedAt,
                        Instant expiresAt, CreatedBy createdBy, Links links,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<RowResult> results) {

    /** True once the job can no longer change. */
    @JsonIgnore
    public boolean isTerminal() {
        return switch (state) {
            case "completed", "completed_with_errors", "failed", "cancelled" -> true;
            default -> false;
        };
    }

    /**
     * The options a job runs with.
     *
     * @param atomic true when the job writes all its rows or none ({@code atomic=true})
     * @param notifyUrl where one signed callback goes when the job ends ({@code notify_url}); null for none
     */
    public record Options(String onConflict, String errorMode, Long maxErrors, String results, boolean atomic,
                          String notifyUrl) {
    }

    /** The API key that created the job; the admin key is {@code admin}. Null when the server runs open. */
    public record CreatedBy(String keyId, String keyName) {
    }

    /** Where the job links to. */
    public record Links(String self, String results, String failedRows, String log) {
    }
}
