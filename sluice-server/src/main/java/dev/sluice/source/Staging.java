package dev.sluice.source;

import dev.sluice.error.SluiceException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
    private final long maxUploadBytes;

    /** As {@link #Staging(Path, long)} with no upload limit. */
    public Staging(Path root) {
        this(root, Long.MAX_VALUE);
    }

    /**
     * @param maxUploadBytes the largest file one upload may stage ({@code --max-upload-bytes}); a larger one is
     *                       refused while it streams and its partial file removed
     */
    public Staging(Path root, long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new SluiceException.Misconfigured("invalid_configuration", "staging directory " + root + " cannot be created: "
                    + e.getMessage());
        }
    }

    /**
     * A staged file: where it is (relative), how many bytes it holds, and their SHA-256 (hex), which
     * tells an idempotent replay from a new request.
     */
    public record StagedFile(String path, long size, String sha256) {
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
        MessageDigest digest = sha256();
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new SluiceException.TooLarge("payload_too_large", "the upload is larger than the limit of "
                            + maxBytes + " bytes", Map.of("limit_bytes", maxBytes));
                }
                if (total > maxUploadBytes) {
                    throw uploadTooLarge("more than that arrived", maxUploadBytes);
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
        return new StagedFile(relative, total, HexFormat.of().formatHex(digest.digest()));
    }

    /** The {@code 413 payload_too_large} of an upload over {@code --max-upload-bytes}, naming the limit and the flag. */
    public static SluiceException uploadTooLarge(String why, long limit) {
        return new SluiceException.TooLarge("payload_too_large", "the upload is larger than the limit of " + limit
                + " bytes set by --max-upload-bytes / SLUICE_MAX_UPLOAD_BYTES (" + why + ")",
                Map.of("limit_bytes", limit, "setting", "max_upload_bytes"));
    }

    /**
     * Gives job {@code jobId} its own name {@code jobId/fileId} for an already staged file (a retry
     * re-reading its parent's data): a hard link where the file system allows, else a copy. Either
     * way each job's files outlive the other job's purge.
     *
     * @throws NoSuchFileException when the source is gone (its job was purged)
     */
    public String link(String sourcePath, String jobId, String fileId) throws IOException {
        String relative = jobId + "/" + fileId;
        Path target = resolve(relative);
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, resolve(sourcePath));
        } catch (NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(resolve(sourcePath), target);
        }
        return relative;
    }

    /**
     * Where multipart uploads are spooled while a request is parsed, before they are staged: inside
     * the staging directory, so they land on the same disk and never sit in memory.
     */
    public Path spoolDirectory() throws IOException {
        return Files.createDirectories(root.resolve(".multipart"));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Opens a staged file for reading.
     *
     * @throws SourceUnavailableException when it is not in this staging directory: it was removed, or
     *                                    the directory is not the one the node that staged it wrote to.
     *                                    Retryable: the job may run once the file is back. The message
     *                                    names no path (on several nodes it would be another node's)
     */
    public InputStream open(String relativePath) throws IOException {
        try {
            return Files.newInputStream(resolve(relativePath));
        } catch (NoSuchFileException e) {
            throw missing(e);
        }
    }

    /** True when the staged file is in this staging directory, so this node can read it. */
    public boolean exists(String relativePath) {
        return Files.isRegularFile(resolve(relativePath));
    }

    /** The error of a staged file that is not there; its message completes "FILE NAME: ...". */
    public static SourceUnavailableException missing(Throwable cause) {
        return new SourceUnavailableException(null, "its staged upload is missing from the staging directory"
                + " (removed, or staged by a node whose --data-dir this node does not share); retry the job"
                + " once the file is back, or import the file again", cause);
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
