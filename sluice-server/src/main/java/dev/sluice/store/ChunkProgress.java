package dev.sluice.store;

import dev.sluice.job.Tally;

import java.time.Instant;
import java.util.List;

/**
 * What one committed chunk changes on its job and file: the counts it adds, the new checkpoint
 * and the progress figures. Immutable and thread-safe.
 *
 * @param counts         the outcomes of the chunk's rows, added to the file's and the job's counts
 * @param bytesDelta     source bytes consumed by this chunk
 * @param recordsRead    the file's checkpoint after this chunk: source records consumed
 * @param lastLine       the line of the chunk's last record
 * @param filePercent    the file's progress, or null when its size is unknown
 * @param errorSamples   located messages of this chunk's failed rows (the store keeps the first 10 of the job)
 */
public record ChunkProgress(String jobId, String fileId, Tally counts, long bytesDelta, long recordsRead,
                            long lastLine, Double filePercent, Double jobPercent, Double rowsPerSecond,
                            Instant estimatedCompletion, String currentOperation, List<String> errorSamples) {
}
