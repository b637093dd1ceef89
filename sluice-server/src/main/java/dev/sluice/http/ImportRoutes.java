package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.SluiceException;
import dev.sluice.client.RowResult;
import dev.sluice.engine.Imports;
import dev.sluice.format.SourceFormat;
import dev.sluice.job.ImportFile;
import dev.sluice.job.ImportJob;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.JobState;
import dev.sluice.source.Staging;
import dev.sluice.store.JobStore;
import dev.sluice.store.ResultStore;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Handlers of the import routes: submitting, reading, cancelling and deleting jobs. Thread-safe. */
final class ImportRoutes {
    private static final Set<String> IMPORT_PARAMS = Set.of("on_conflict", "error_mode", "max_errors", "results",
            "job_type", "file_name", "wait", "timeout", "format", "delimiter", "quote", "header", "columns",
            "null_values", "encoding", "strict");
    private static final int INLINE_RESULTS = 1_000;

    private final Imports imports;
    private final JobStore jobs;
    private final ResultStore results;
    private final Staging staging;
    private final Documents documents;
    private final ObjectMapper json;
    private final Duration retention;

    ImportRoutes(Imports imports, JobStore jobs, ResultStore results, Staging staging, Documents documents,
                 ObjectMapper json, Duration retention) {
        this.imports = imports;
        this.jobs = jobs;
        this.results = results;
        this.staging = staging;
        this.documents = documents;
        this.json = json;
        this.retention = retention;
    }

    /** {@code POST /v1/collections/{name}/import}: the raw body is one file. */
    void importInto(Context ctx) throws InterruptedException {
        Params.allowOnly(ctx, IMPORT_PARAMS);
        ImportOptions options = options(ctx);
        String fileName = Params.string(ctx, "file_name");
        SourceFormat format = format(ctx, fileName);
        if (fileName == null) {
            fileName = "upload." + format.wireName();
        }
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("gzip")
                && !encoding.equalsIgnoreCase("identity")) {
            throw new SluiceException("unsupported_media_type", "Content-Encoding '" + encoding
                    + "' is not supported; send the file plain or gzip-compressed", Map.of("content_encoding", encoding));
        }
        String dialect = dialectJson(ctx);
        boolean wait = Boolean.TRUE.equals(Params.bool(ctx, "wait"));
        Duration timeout = timeout(ctx);
        ImportJob job;
        try (InputStream body = ctx.req().getInputStream()) {
            job = imports.submitFile(new Imports.FileSubmission(ctx.pathParam("name"), options, fileName, format,
                    dialect, body, "{}"));
        } catch (IOException e) {
            throw new SluiceException("upload_failed", "reading the request body failed: " + e.getMessage());
        }
        ctx.header("Location", "/v1/imports/" + job.id());
        if (wait) {
            job = imports.await(job.id(), timeout).orElse(job);
            if (job.state().isTerminal()) {
                HttpServer.json(ctx, 200, document(job, true));
                return;
            }
        }
        HttpServer.json(ctx, 202, document(job, false));
    }

    private static Duration timeout(Context ctx) {
        Long seconds = Params.longValue(ctx, "timeout");
        if (seconds == null) {
            return Duration.ofMinutes(10);
        }
        if (seconds < 1 || seconds > 3600) {
            throw SluiceException.Invalid.option("timeout", "timeout is in seconds, from 1 to 3600; got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    static ImportOptions options(Context ctx) {
        Long maxErrors = Params.longValue(ctx, "max_errors");
        if (maxErrors != null && maxErrors < 0) {
            throw SluiceException.Invalid.option("max_errors", "max_errors cannot be negative, got " + maxErrors);
        }
        ImportOptions.JobType type = Params.choice(ctx, "job_type", ImportOptions.JobType.class,
                ImportOptions.JobType.IMPORT);
        if (type == ImportOptions.JobType.VALIDATE) {
            throw SluiceException.Invalid.option("job_type", "job_type=validate is not available in this version;"
                    + " only import jobs run");
        }
        return new ImportOptions(
                Params.choice(ctx, "on_conflict", ImportOptions.OnConflict.class, ImportOptions.OnConflict.SKIP),
                Params.choice(ctx, "error_mode", ImportOptions.ErrorMode.class, ImportOptions.ErrorMode.CONTINUE),
                maxErrors,
                Params.choice(ctx, "results", ImportOptions.Results.class, ImportOptions.Results.ERRORS),
                type);
    }

    private static SourceFormat format(Context ctx, String fileName) {
        String named = Params.string(ctx, "format");
        if (named != null) {
            SourceFormat f = SourceFormat.fromWireName(named);
            if (f == null) {
                throw SluiceException.Invalid.option("format", "format must be one of csv, tsv, jsonl, json; got '"
                        + named + "'");
            }
            return f;
        }
        SourceFormat f = SourceFormat.fromMediaType(ctx.contentType());
        if (f == null) {
            f = SourceFormat.fromFileName(fileName);
        }
        if (f == null) {
            throw new SluiceException("unsupported_media_type", "Content-Type '" + ctx.contentType()
                    + "' is not a format Sluice reads: send text/csv, text/tab-separated-values, application/x-ndjson"
                    + " or application/json, or name the format with ?format=", Map.of("content_type",
                    String.valueOf(ctx.contentType())));
        }
        return f;
    }

    /** The dialect options of the query as the JSON stored with the file. */
    private String dialectJson(Context ctx) {
        ObjectNode d = json.createObjectNode();
        String delimiter = Params.string(ctx, "delimiter");
        if (delimiter != null) {
            String unescaped = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
            if (unescaped.length() != 1) {
                throw SluiceException.Invalid.option("delimiter", "delimiter must be one character (or \\t), got '"
                        + delimiter + "'");
            }
            d.put("delimiter", unescaped);
        }
        String quote = Params.string(ctx, "quote");
        if (quote != null) {
            if (quote.length() != 1) {
                throw SluiceException.Invalid.option("quote", "quote must be one character, got '" + quote + "'");
            }
            d.put("quote", quote);
        }
        Boolean header = Params.bool(ctx, "header");
        String columns = Params.string(ctx, "columns");
        if (Boolean.FALSE.equals(header) && columns == null) {
            throw SluiceException.Invalid.option("columns", "header=false needs columns=a,b,c naming the columns");
        }
        if (header != null) {
            d.put("header", header);
        }
        if (columns != null) {
            ArrayNode cols = d.putArray("columns");
            for (String c : columns.split(",", -1)) {
                cols.add(c.trim());
            }
        }
        String nulls = Params.string(ctx, "null_values");
        if (nulls != null) {
            ArrayNode n = d.putArray("null_values");
            for (String v : nulls.split(",", -1)) {
                n.add(v);
            }
        }
        String encoding = Params.string(ctx, "encoding");
        if (encoding != null) {
            try {
                d.put("encoding", Charset.forName(encoding).name());
            } catch (RuntimeException e) {
                throw SluiceException.Invalid.option("encoding", "encoding '" + encoding + "' is not a known character set");
            }
        }
        Boolean strict = Params.bool(ctx, "strict");
        if (strict != null) {
            d.put("strict", strict);
        }
        return d.toString();
    }

    void list(Context ctx) {
        Params.allowOnly(ctx, Set.of("state", "collection", "limit", "cursor"));
        String stateName = Params.string(ctx, "state");
        JobState state = stateName == null ? null : JobState.fromWireName(stateName);
        if (stateName != null && state == null) {
            throw SluiceException.Invalid.option("state", "state must be one of open, queued, running, completed,"
                    + " completed_with_errors, failed, cancelled; got '" + stateName + "'");
        }
        int limit = Params.limit(ctx, 50, 1_000);
        List<ImportJob> page = jobs.list(state, Params.string(ctx, "collection"), limit + 1, Params.string(ctx, "cursor"));
        List<dev.sluice.client.ImportJob> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, page.size()); i++) {
            out.add(document(page.get(i), false));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("imports", out);
        body.put("next_cursor", page.size() > limit ? page.get(limit - 1).id() : null);
        HttpServer.json(ctx, 200, body);
    }

    void show(Context ctx) {
        Params.allowOnly(ctx, Set.of());
        HttpServer.json(ctx, 200, document(jobs.require(ctx.pathParam("id")), false));
    }

    void cancel(Context ctx) {
        ImportJob job = jobs.requestCancel(ctx.pathParam("id"), retention);
        HttpServer.json(ctx, job.state().isTerminal() ? 200 : 202, document(job, false));
    }

    void delete(Context ctx) {
        staging.delete(jobs.delete(ctx.pathParam("id")));
        ctx.status(204);
    }

    void log(Context ctx) {
        Params.allowOnly(ctx, Set.of("format"));
        String id = ctx.pathParam("id");
        jobs.require(id);
        List<JobStore.LogLine> lines = jobs.logLines(id);
        if ("json".equals(Params.string(ctx, "format"))) {
            HttpServer.json(ctx, 200, Map.of("log", lines));
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (JobStore.LogLine l : lines) {
            sb.append(dev.sluice.store.Times.text(l.at())).append(' ').append(l.level()).append(' ')
                    .append(l.message().replace('\n', ' ')).append('\n');
        }
        ctx.contentType("text/plain; charset=utf-8").result(sb.toString());
    }

    void results(Context ctx) throws IOException {
        new ResultsExport(jobs, results, documents, json).answer(ctx);
    }

    private dev.sluice.client.ImportJob document(ImportJob job, boolean withResults) {
        List<ImportFile> files = jobs.files(job.id());
        List<RowResult> inline = null;
        if (withResults) {
            inline = new ArrayList<>();
            List<RowResult> sink = inline;
            results.stream(job.id(), null, null, 0, INLINE_RESULTS, r -> sink.add(documents.result(r.result(), files)));
        }
        return documents.job(job, files, inline);
    }
}
