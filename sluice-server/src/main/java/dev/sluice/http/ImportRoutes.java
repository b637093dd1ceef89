package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.Imports;
import dev.sluice.error.SluiceException;
import dev.sluice.job.SourceFormat;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.OptionSet;
import dev.sluice.job.Options;
import dev.sluice.job.Job;
import dev.sluice.job.JobState;
import dev.sluice.source.Staging;
import dev.sluice.store.JobIntake;
import dev.sluice.store.JobStore;
import dev.sluice.store.ResultStore;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Handlers of the import routes: submitting, reading, cancelling and deleting jobs. Thread-safe. */
final class ImportRoutes {
    private static final Set<String> IMPORT_PARAMS = JobOptions.union(JobOptions.union(JobOptions.JOB,
            JobOptions.FILES), JobOptions.union(JobOptions.WAIT, Set.of("file_name")));

    private final Imports imports;
    private final JobStore jobs;
    private final ResultStore results;
    private final Staging staging;
    private final Documents documents;
    private final ObjectMapper json;
    private final Duration retention;
    private final JobAnswers answers;

    ImportRoutes(Imports imports, JobStore jobs, ResultStore results, Staging staging, Documents documents,
                 ObjectMapper json, Duration retention, JobAnswers answers) {
        this.imports = imports;
        this.jobs = jobs;
        this.results = results;
        this.staging = staging;
        this.documents = documents;
        this.json = json;
        this.retention = retention;
        this.answers = answers;
    }

    /** {@code POST /v1/collections/{name}/import}: the raw body is one file. */
    void importInto(Context ctx) throws InterruptedException {
        Params.allowOnly(ctx, IMPORT_PARAMS);
        OptionValues query = OptionValues.of(ctx);
        ImportOptions options = JobOptions.options(query, ImportOptions.DEFAULT);
        String fileName = Params.fileName(ctx);
        SourceFormat format = format(ctx, Options.FORMAT.read(query), fileName);
        if (fileName == null) {
            fileName = "upload." + format.wireName();
        }
        RequestBodies.requireReadableEncoding(ctx);
        OptionSet dialect = JobOptions.forFile(JobOptions.files(query), format);
        boolean wait = JobOptions.wait(query);
        Duration timeout = JobOptions.timeout(query);
        Imports.RequestKey key = RequestKeys.of(ctx, RequestKeys.query(ctx), ctx.contentType(),
                ctx.header("Content-Encoding"));
        JobIntake.Creation creation;
        try (InputStream body = ctx.req().getInputStream()) {
            creation = imports.submitFile(new Imports.FileSubmission(ctx.pathParam("name"), options, fileName, format,
                    dialect, body, "{}"), key);
        } catch (IOException e) {
            throw new SluiceException.Invalid("upload_failed", "reading the request body failed: " + e.getMessage());
        }
        answers.created(ctx, creation, wait, timeout);
    }

    /** The format from {@code format=}, else the Content-Type, else the file name; 415 when none tells. */
    private static SourceFormat format(Context ctx, SourceFormat named, String fileName) {
        SourceFormat f = JobOptions.detected(named, ctx.contentType(), fileName, null);
        if (f == null) {
            throw new SluiceException.UnsupportedMedia("unsupported_media_type", "Content-Type '" + ctx.contentType()
                    + "' is not a format Sluice reads: send text/csv, text/tab-separated-values, application/x-ndjson"
                    + " or application/json, or name the format with ?format=", Map.of("content_type",
                    String.valueOf(ctx.contentType())));
        }
        return f;
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
        Caller caller = Caller.of(ctx);
        List<JobStore.Snapshot> page = jobs.page(state, Params.string(ctx, "collection"),
                caller.seesAll() ? null : caller.collections(), limit + 1, Params.jobCursor(ctx));
        List<dev.sluice.client.ImportJob> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, page.size()); i++) {
            out.add(answers.document(page.get(i), false));
        }
        Answers.page(ctx, "imports", out, page.size() > limit ? page.get(limit - 1).job().id() : null);
    }

    void show(Context ctx) {
        Params.allowOnly(ctx, Set.of());
        Answers.json(ctx, 200, document(jobs.require(ctx.pathParam("id")), false));
    }

    void cancel(Context ctx) {
        Job job = jobs.requestCancel(ctx.pathParam("id"), retention);
        Caller.of(ctx).logAction(jobs, job.id(), "cancel");
        Answers.json(ctx, job.state().isTerminal() ? 200 : 202, document(job, false));
    }

    void delete(Context ctx) {
        staging.delete(jobs.delete(ctx.pathParam("id")));
        // the job's own log goes with it: the deletion is told in the server's log
        Caller.of(ctx).logAction(null, ctx.pathParam("id"), "delete");
        ctx.status(204);
    }

    void log(Context ctx) {
        Params.allowOnly(ctx, Set.of("format"));
        String id = ctx.pathParam("id");
        String format = Params.string(ctx, "format");
        if (format != null && !format.equals("json") && !format.equals("text")) {
            throw SluiceException.Invalid.option("format", "format must be text or json, got '" + format + "'");
        }
        jobs.require(id);
        List<JobStore.LogLine> lines = jobs.logLines(id);
        if ("json".equals(format)) {
            Answers.json(ctx, 200, Map.of("log", lines));
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

    private dev.sluice.client.ImportJob document(Job job, boolean withResults) {
        return answers.document(job, withResults);
    }
}
