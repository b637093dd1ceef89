package dev.sluice.cli;

import dev.sluice.client.JobError;
import dev.sluice.client.SluiceApiException;
import dev.sluice.client.SluiceClientException;
import dev.sluice.error.SluiceException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what went wrong under a command into one line for people, in the command line's own terms:
 * the API names options as query parameters ({@code ?format=}, {@code encoding=}) and bodies; the
 * command line names them as flags ({@code --format}, {@code --encoding}, {@code --file}). The
 * HTTP API's messages stay as they are; only what this command prints changes. Stateless.
 */
final class CliFailures {
    /** The API's advice {@code pass delimiter=;} (or {@code \t}), to be shown as a flag. */
    private static final Pattern PASSED_DELIMITER = Pattern.compile("pass delimiter=(\\\\t|\\S)");

    private CliFailures() {
    }

    /** The message for an exception that ended a command; {@code server} is the --server URL, or null. */
    static String describe(Exception e, String server) {
        if (server != null && unreachable(e)) {
            return "no Sluice server answers at " + server + " (start one with " + Invocation.name() + " serve)";
        }
        if (e instanceof SluiceApiException api) {
            return api(api);
        }
        boolean explained = e instanceof SluiceClientException || e instanceof SluiceException
                || e instanceof IllegalArgumentException || e instanceof IOException;
        // our own errors carry a message made for people; anything else is shown with its type
        return explained && e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** An API refusal; those whose advice names an API parameter are said with the flag instead. */
    static String api(SluiceApiException e) {
        String code = e.code();
        if ("unsupported_media_type".equals(code)) {
            Object file = e.details().get("file");
            return e.status() + " " + code + ": Sluice cannot tell the format of " + (file == null ? "the file" : file)
                    + " from its name; name it with --format csv (or tsv, jsonl, json, parquet)";
        }
        if ("nothing_to_retry".equals(code)) {
            Object id = e.details().getOrDefault("id", "ID");
            return e.status() + " " + code + ": import job " + id + " ended " + e.details().getOrDefault("state", "")
                    + " with nothing to retry; to import other data, retry it with a fixed file: "
                    + Invocation.name() + " retry " + id + " --file fixed.csv";
        }
        return e.getMessage();
    }

    /**
     * A job's error as the summary shows it: an undecodable file names {@code --encoding}, a file read
     * with the wrong delimiter {@code --delimiter}.
     */
    static String jobError(JobError error) {
        String message = error.message();
        if (message != null && Set.of("unreadable_source", "invalid_encoding").contains(error.code())) {
            message = message.replace("set the encoding option to", "give").replace("encoding=", "--encoding ");
        }
        if (message != null) {
            message = PASSED_DELIMITER.matcher(message).replaceAll(m -> "pass --delimiter '"
                    + Matcher.quoteReplacement(m.group(1)) + "'");
        }
        return error.code() + ": " + message;
    }


    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
