package dev.sluice.http;

import dev.sluice.error.SluiceException;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.Option;
import dev.sluice.job.OptionSet;
import dev.sluice.job.Options;
import dev.sluice.job.SourceFormat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a job's options, its files' format and dialect, and how long to wait, from a query or a
 * JSON request alike, through the one list in {@link Options}; every refusal is
 * {@code 400 invalid_option} naming the option. Stateless and thread-safe.
 */
final class JobOptions {
    /** The options of the job itself. */
    static final Set<String> JOB = names(Option.Scope.JOB);
    /** The format and dialect of its files. */
    static final Set<String> FILES = names(Option.Scope.FILE);
    /** How the answer waits. */
    static final Set<String> WAIT = names(Option.Scope.ANSWER);

    private JobOptions() {
    }

    private static Set<String> names(Option.Scope scope) {
        return Options.of(scope).stream().map(Option::name).collect(Collectors.toUnmodifiableSet());
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** The job's options; each absent one is taken from {@code defaults}. */
    static ImportOptions options(OptionValues v, ImportOptions defaults) {
        return ImportOptions.of(OptionSet.read(v, Options.of(Option.Scope.JOB)), defaults);
    }

    /**
     * The format and dialect options the request gives for its files ({@code format} among them when
     * named), checked as far as they can be before each file's format is known.
     */
    static OptionSet files(OptionValues v) {
        OptionSet files = OptionSet.read(v, Options.of(Option.Scope.FILE));
        Options.checkFile(files, null);
        return files;
    }

    /**
     * The dialect stored with a file of {@code format}, once its options are known to fit together
     * there (the format's own delimiter counts when none is given).
     *
     * @throws SluiceException.Invalid {@code invalid_option} naming the option that collides
     */
    static OptionSet forFile(OptionSet files, SourceFormat format) {
        Options.checkFile(files, format);
        return files.without(Options.FORMAT);
    }

    /**
     * The format of a file sent with a request: {@code named} if given, else the Content-Type, else
     * the file name's extension, else {@code fallback}.
     *
     * @throws SluiceException {@code unsupported_media_type} when none of them tells
     */
    static SourceFormat format(SourceFormat named, String contentType, String fileName, SourceFormat fallback) {
        SourceFormat f = detected(named, contentType, fileName, fallback);
        if (f == null) {
            throw new SluiceException.UnsupportedMedia("unsupported_media_type", "Content-Type '" + contentType + "' of " + fileName
                    + " is not a format Sluice reads: send text/csv, text/tab-separated-values, application/x-ndjson"
                    + " or application/json, or name the format with format", Map.of("content_type",
                    String.valueOf(contentType), "file", String.valueOf(fileName)));
        }
        return f;
    }

    /**
     * The format {@code named}, else the one the Content-Type names, else the file name's, else
     * {@code fallback}: the one order every route detects a format in. Null when none tells.
     */
    static SourceFormat detected(SourceFormat named, String contentType, String fileName, SourceFormat fallback) {
        SourceFormat f = named != null ? named : SourceFormat.fromMediaType(contentType);
        if (f == null) {
            f = SourceFormat.fromFileName(fileName);
        }
        return f != null ? f : fallback;
    }

    /** {@code wait}: whether the answer waits for the job to end. */
    static boolean wait(OptionValues v) {
        return Boolean.TRUE.equals(Options.WAIT.read(v));
    }

    /** {@code timeout}: how long a {@code wait} may take, in seconds (1 to 3600, default 600). */
    static Duration timeout(OptionValues v) {
        Long seconds = Options.TIMEOUT.read(v);
        return seconds == null ? Options.DEFAULT_TIMEOUT : Duration.ofSeconds(seconds);
    }
}
