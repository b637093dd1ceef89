package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.client.Provenance;
import dev.sluice.engine.Imports;
import dev.sluice.engine.JobInput;
import dev.sluice.error.SluiceException;
import dev.sluice.job.SourceFormat;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.Option;
import dev.sluice.job.OptionSet;
import dev.sluice.job.Options;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the JSON request of {@code POST /v1/imports}:
 * {@code {collection, options..., format and dialect..., sources: [{url, name?, format?}], records: [{...}],
 * metadata, provenance, open, wait, timeout}}. Unknown members and malformed structure are
 * {@code 400 invalid_request} naming the member ({@code details.field}); bad option values are
 * {@code 400 invalid_option}. Stateless and thread-safe.
 */
final class JobRequests {
    private static final Set<String> OWN = Set.of("collection", "sources", "records", "metadata", "provenance", "open");
    private static final Set<String> SOURCE = Set.of("url", "name", "format");
    private static final Set<String> PROVENANCE_TEXT = Set.of("source_name", "processor_name", "processor_version",
            "search_string", "notes");
    /** The name of the file that inline records become. */
    static final String RECORDS_FILE = "records.jsonl";

    private JobRequests() {
    }

    /**
     * A parsed request.
     *
     * @param files   the format and dialect options for its files ({@code format} when it names one)
     * @param urls    its {@code sources}
     * @param records its {@code records} as one JSON-lines file, or null
     */
    record JobRequest(Imports.JobSpec spec, OptionSet files, List<JobInput> urls,
                      JobInput.Upload records, boolean waits, Duration timeout) {

        /** The {@code format} it names for its files, or null. */
        SourceFormat format() {
            return files.get(Options.FORMAT);
        }
    }

    static JobRequest parse(JsonNode body, ObjectMapper json) {
        if (!body.isObject()) {
            throw invalid("body", "the request must be a JSON object, got " + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        body.fieldNames().forEachRemaining(JobRequests::known);
        JsonNode collection = body.get("collection");
        if (collection == null || !collection.isTextual() || collection.asText().isBlank()) {
            throw invalid("collection", "collection is required: the name of the collection to import into");
        }
        OptionValues values = OptionValues.of(body);
        ImportOptions options = JobOptions.options(values, ImportOptions.DEFAULT);
        OptionSet files = JobOptions.files(values);
        JobOptions.forFile(files, files.get(Options.FORMAT));
        boolean open = Boolean.TRUE.equals(values.bool("open"));
        boolean wait = JobOptions.wait(values);
        if (open && wait) {
            throw SluiceException.Invalid.option("wait", "wait cannot be used with open: true; wait on"
                    + " POST /v1/imports/{id}/start instead");
        }
        Imports.JobSpec spec = new Imports.JobSpec(collection.asText(), options, metadata(body.get("metadata")),
                provenance(body.get("provenance"), json), files, open);
        return new JobRequest(spec, files, urls(body.get("sources"), files),
                records(body.get("records"), files, json), wait, JobOptions.timeout(values));
    }

    private static void known(String member) {
        if (!OWN.contains(member) && !JobOptions.JOB.contains(member) && !JobOptions.FILES.contains(member)
                && !JobOptions.WAIT.contains(member)) {
            throw invalid(member, "unknown member '" + member + "'; a request has collection, "
                    + names(Option.Scope.JOB) + ", " + names(Option.Scope.FILE)
                    + ", sources, records, metadata, provenance, open, " + names(Option.Scope.ANSWER));
        }
    }

    private static String names(Option.Scope scope) {
        return Options.of(scope).stream().map(Option::name).collect(Collectors.joining(", "));
    }

    /** The request without the members that only say how to answer, for its idempotency hash. */
    static String hashable(JsonNode body) {
        if (!body.isObject()) {
            return body.toString();
        }
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.remove(JobOptions.WAIT);
        return copy.toString();
    }

    private static List<JobInput> urls(JsonNode sources, OptionSet files) {
        SourceFormat format = files.get(Options.FORMAT);
        List<JobInput> urls = new ArrayList<>();
        if (sources == null || sources.isNull()) {
            return urls;
        }
        if (!sources.isArray()) {
            throw invalid("sources", "sources must be an array of {url, name}");
        }
        for (int i = 0; i < sources.size(); i++) {
            String where = "sources[" + i + "]";
            JsonNode s = sources.get(i);
            if (!s.isObject() || !s.path("url").isTextual()) {
                throw invalid(where, where + " must be an object with a url, got " + s);
            }
            for (String member : (Iterable<String>) s::fieldNames) {
                if (!SOURCE.contains(member)) {
                    throw invalid(where + "." + member, "unknown member '" + member + "' in " + where
                            + "; a source has url, name and format");
                }
            }
            JsonNode name = s.get("name");
            if (name != null && !name.isNull() && (!name.isTextual() || name.asText().isBlank())) {
                throw invalid(where + ".name", where + ".name must be a non-empty string");
            }
            String nameProblem = name == null || name.isNull() ? null : FileNames.problem(name.asText());
            if (nameProblem != null) {
                throw invalid(where + ".name", where + ".name: " + nameProblem);
            }
            SourceFormat own = Options.FORMAT.read(OptionValues.of(s));
            urls.add(new JobInput.Url(s.get("url").asText(), name == null || name.isNull() ? null : name.asText(),
                    own != null ? own : format, null, JobOptions.forFile(files, own != null ? own : format)));
        }
        return urls;
    }

    private static <T> OptionSet carry(OptionSet to, OptionSet from, Option<T> option) {
        return to.with(option, from.get(option));
    }

    /** The records as one JSON-lines file: record i on line i + 1. */
    private static JobInput.Upload records(JsonNode records, OptionSet files, ObjectMapper json) {
        if (records == null || records.isNull()) {
            return null;
        }
        if (!records.isArray()) {
            throw invalid("records", "records must be an array of objects keyed by field name");
        }
        if (records.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        try {
            for (int i = 0; i < records.size(); i++) {
                if (!records.get(i).isObject()) {
                    throw invalid("records[" + i + "]", "records[" + i + "] must be an object keyed by field name, got "
                            + records.get(i));
                }
                lines.write(json.writeValueAsBytes(records.get(i)));
                lines.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // written here as UTF-8, whatever encoding the request names for its other files
        OptionSet own = OptionSet.EMPTY.with(Options.STRICT, files.get(Options.STRICT));
        for (Option<?> o : Options.CONVERSION) {
            own = carry(own, files, o);
        }
        return new JobInput.Upload(RECORDS_FILE, SourceFormat.JSONL, own,
                new ByteArrayInputStream(lines.toByteArray()));
    }

    private static String metadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return "{}";
        }
        if (!metadata.isObject()) {
            throw invalid("metadata", "metadata must be a JSON object, got " + metadata);
        }
        RequestJson.OutOfRange outOfRange = RequestJson.firstOutOfRange(metadata, "metadata");
        if (outOfRange != null) {
            throw invalid(outOfRange.path(), outOfRange.message());
        }
        return metadata.toString();
    }

    /** The provenance with every member present (absent ones null, {@code expected_rows} -1). */
    private static String provenance(JsonNode p, ObjectMapper json) {
        if (p == null || p.isNull()) {
            return "{}";
        }
        if (!p.isObject()) {
            throw invalid("provenance", "provenance must be a JSON object, got " + p);
        }
        Set<String> members = new HashSet<>(PROVENANCE_TEXT);
        members.addAll(Set.of("searched_at", "expected_rows"));
        for (String member : (Iterable<String>) p::fieldNames) {
            if (!members.contains(member)) {
                throw invalid("provenance." + member, "unknown member '" + member + "' in provenance; it has"
                        + " source_name, processor_name, processor_version, search_string, searched_at, notes,"
                        + " expected_rows");
            }
        }
        Provenance out = new Provenance(text(p, "source_name"), text(p, "processor_name"),
                text(p, "processor_version"), text(p, "search_string"), instant(p.get("searched_at"), "provenance.searched_at"),
                text(p, "notes"), expectedRows(p.get("expected_rows")));
        return json.valueToTree(out).toString();
    }

    private static String text(JsonNode p, String member) {
        JsonNode v = p.get(member);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid("provenance." + member, "provenance." + member + " must be a string, got " + v);
        }
        return v.asText();
    }

    /** An ISO-8601 timestamp, or null; {@code 400 invalid_request} naming {@code field} when it is not one. */
    static Instant instant(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v.asText());
            } catch (DateTimeParseException again) {
                throw invalid(field, field + " must be an ISO-8601 timestamp such as 2026-01-31T12:00:00Z, got " + v);
            }
        }
    }

    private static long expectedRows(JsonNode v) {
        if (v == null || v.isNull()) {
            return -1;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < -1) {
            throw invalid("provenance.expected_rows", "provenance.expected_rows must be a whole number (-1 for"
                    + " unknown), got " + v);
        }
        return v.asLong();
    }

    static SluiceException.Invalid invalid(String field, String message) {
        return new SluiceException.Invalid("invalid_request", message, Map.of("field", field));
    }
}
