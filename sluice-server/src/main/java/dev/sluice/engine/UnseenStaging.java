package dev.sluice.engine;

import dev.sluice.job.ImportFile;
import dev.sluice.source.Staging;
import dev.sluice.store.ClaimFilter;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * On a database several nodes share: the queued jobs whose staged files this node cannot see (its
 * {@code --data-dir} is not the one they were staged in). Such a job is left queued for a node
 * that can see them, with one line in its log, and passed over by this node's claims for
 * {@link #LOOK_AGAIN} so that its workers do not spin on it; then this node looks again, in case
 * the storage came back. Thread-safe.
 */
final class UnseenStaging implements ClaimFilter.Check {
    static final Duration LOOK_AGAIN = Duration.ofSeconds(30);
    private static final int REMEMBERED = 10_000;

    private final Staging staging;
    private final String nodeId;
    private final InstantSource clock;
    // job id -> until when claims pass over it; also remembers that its log line was written
    private final Map<String, Instant> unseen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    UnseenStaging(Staging staging, String nodeId, InstantSource clock) {
        this.staging = staging;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** The jobs claims pass over now. */
    synchronized Set<String> passOver() {
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        unseen.forEach((id, until) -> {
            if (until.isAfter(now)) {
                ids.add(id);
            }
        });
        return Set.copyOf(ids);
    }

    @Override
    public ClaimFilter.Refusal refuse(String jobId, List<ImportFile> files) {
        List<String> missing = new ArrayList<>();
        for (ImportFile f : files) {
            if (!f.state().isTerminal() && f.stagedPath() != null && !staging.exists(f.stagedPath())) {
                missing.add(f.name());
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        boolean first;
        synchronized (this) {
            first = unseen.put(jobId, clock.instant().plus(LOOK_AGAIN)) == null;
        }
        return new ClaimFilter.Refusal(first ? "node " + nodeId + " cannot see the staged file"
                + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " in its staging directory"
                + " (every node needs the same --data-dir on shared storage); left queued for a node that can" : null);
    }
}
