package dev.sluice.engine;

import dev.sluice.job.OptionSet;
import dev.sluice.job.SourceFormat;

import java.io.InputStream;

/** One file of a job-creating request, in the order the job reads its files. Immutable. */
public sealed interface JobInput {

    /**
     * Bytes sent with the request (a raw body, a multipart file part, inline records): staged to
     * disk before the job is created.
     *
     * @param dialect the format's dialect options
     */
    record Upload(String name, SourceFormat format, OptionSet dialect, InputStream body) implements JobInput {
    }

    /**
     * An http(s) URL, checked when the job is created and fetched when its turn comes.
     *
     * @param name     the name the job reports; null for the last segment of the URL's path
     * @param format   null to go by the name, else by the Content-Type the server declares
     * @param fallback the format when neither tells, or null
     */
    record Url(String url, String name, SourceFormat format, SourceFormat fallback, OptionSet dialect)
            implements JobInput {
    }
}
