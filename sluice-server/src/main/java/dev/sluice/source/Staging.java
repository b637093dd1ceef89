package dev.sluice.source;

import dev.sluice.SluiceException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;

/**
 * The staging store: uploaded bytes land here as files, streamed, never held in memory, and stay
 * until their job is purged. Paths handed out are relative to the staging directory, so the data
 * directory can move (or be shared by several nodes). Thread-safe.
 */
public final class Staging {
    private static final int BUFFER = 1 << 16;

    private final Path root;

    public Staging(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new SluiceException("invalid_configuration", "staging directory " + root + " cannot be created: "
                    + e.getMessage());
        }
    }

    /** A staged file: where it is (relative) and how many bytes it holds. */
    public record StagedFile(String path, long size) {
    }

    /**
     * Streams {@code in} to a new file {@code jobId/fileId}. On failure the partial file is removed.
     *
     * @param maxBytes refuse uploads larger than this with {@code payload_too_large}
     */
    public StagedFile stage(String jobId, String fileId, InputStream in, long maxBytes) throws IOException {
        String relative = jobId + "/" + fileId;
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        long total = 0;
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new SluiceException("payload_too_large", "the upload is larger than the limit of "
                            + maxBytes + " bytes", Map.of("limit_bytes", maxBytes));
                }
                out.write(buffer, 0, n);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
        return new StagedFile(relative, total);
    }

    public InputStream open(String relativePath) throws IOException {
        return Files.newInputStream(resolve(relativePath));
    }

    public Path resolve(String relativePath) {
        Path p = root.resolve(relativePath).normalize();
        if (!p.startsWith(root.normalize())) {
            throw new IllegalArgumentException("staged path escapes the staging directory: " + relativePath);
        }
        return p;
    }

    /** Removes staged files and the job directories they leave empty. Missing files are fine. */
    public void delete(Collection<String> relativePaths) {
        for (String relative : relativePaths) {
            try {
                Path p = resolve(relative);
                Files.deleteIfExists(p);
                Path dir = p.getParent();
                if (dir != null && !dir.equals(root)) {
                    try (var entries = Files.list(dir)) {
                        if (entries.findAny().isEmpty()) {
                            Files.deleteIfExists(dir);
                        }
                    }
                }
            } catch (IOException e) {
                // purging is retried by nothing; a left-over file is harmless and logged by the caller's log
            }
        }
    }
}
