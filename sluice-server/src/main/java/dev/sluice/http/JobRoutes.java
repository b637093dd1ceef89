package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.Imports;
import dev.sluice.engine.JobInput;
import dev.sluice.error.SluiceException;
import dev.sluice.job.SourceFormat;
import dev.sluice.job.ImportFile;
import dev.sluice.job.ImportOptions;
import dev.sluice.job.OptionSet;
import dev.sluice.job.Options;
import dev.sluice.job.Job;
import dev.sluice.store.JobIntake;
import dev.sluice.store.JobStore;
import io.javalin.http.Context;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Handlers of the job-creating routes beyond the one-shot import: {@code POST /v1/imports} (a JSON
 * request, or multipart with files), adding files to an open job and starting it, and retry.
 * Thread-safe.
 */
final class JobRoutes {
    private static final Set<String> ADD_FILE_PARAMS = JobOptions.union(JobOptions.FILES, Set.of("name"));
    private static final Set<String> RETRY_PARAMS = JobOptions.union(JobOptions.union(JobOptions.JOB,
            JobOptions.FILES), JobOptions.union(JobOptions.WAIT, Set.of("file_name")));

    private final Imports imports;
    private final JobStore jobs;
    private final JobAnswers answers;
    private final RequestBodies bodies;
    private final ObjectMapper json;

    JobRoutes(Imports imports, JobStore jobs, JobAnswers answers, RequestBodies bodies, ObjectMapper json) {
        this.imports = imports;
        this.jobs = jobs;
        this.answers = answers;
        this.bodies = bodies;
        this.json = json;
    }

    /** {@code POST /v1/imports}: a JSON request, or multipart with a {@code request} part and {@code file} parts. */
    void create(Context ctx) throws InterruptedException, IOException {
        Params.allowOnly(ctx, Set.of());
        if (RequestBodies.isMultipart(ctx)) {
            createWithFiles(ctx);
            return;
        }
        if (ctx.contentType() != null && SourceFormat.fromMediaType(ctx.contentType()) != SourceFormat.JSON) {
            throw new SluiceException.UnsupportedMedia("unsupported_media_type", "POST /v1/imports takes a JSON request"
                    + " (application/json) or multipart/form-data with a request part and file parts; to send one"
                    + " file as the body, use POST /v1/collections/{name}/import",
                    Map.of("content_type", ctx.contentType()));
        }
        JsonNode body = bodies.json(ctx.req().getInputStream(), "the request");
        JobRequests.JobRequest request = JobRequests.parse(body, json);
        Gate.requireVisible(Caller.of(ctx), request.spec().collection());
        List<JobInput> inputs = new ArrayList<>(request.urls());
        if (request.records() != null) {
            inputs.add(request.records());
        }
        Imports.RequestKey key = RequestKeys.of(ctx, JobRequests.hashable(body));
        answers.created(ctx, imports.create(request.spec(), inputs, key), request.waits(), request.timeout());
    }

    private void createWithFiles(Context ctx) throws InterruptedException, IOException {
        try (RequestBodies.Parts parts = bodies.parts(ctx)) {
            JsonNode body = bodies.json(parts.request(), "the request part");
            JobRequests.JobRequest request = JobRequests.parse(body, json);
            Gate.requireVisible(Caller.of(ctx), request.spec().collection());
            List<JobInput> inputs = new ArrayList<>();
            List<String> hashed = new ArrayList<>(List.of(JobRequests.hashable(body)));
            for (RequestBodies.FilePart file : parts.files()) {
                SourceFormat format = JobOptions.format(request.format(), file.contentType(), file.name(), null);
                String name = file.name() != null ? file.name() : "upload-" + (inputs.size() + 1) + "." + format.wireName();
                inputs.add(new JobInput.Upload(name, format, JobOptions.forFile(request.files(), format), file.body()));
                hashed.add(name + " " + format.wireName());
            }
            inputs.addAll(request.urls());
            if (request.records() != null) {
                inputs.add(request.records());
            }
            Imports.RequestKey key = RequestKeys.of(ctx, hashed.toArray(String[]::new));
            answers.created(ctx, imports.create(request.spec(), inputs, key), request.waits(), request.timeout());
        }
    }

    /**
     * {@code POST /v1/imports/{id}/files?name=}: the raw body is one more file (its format from
     * {@code format}, the Content-Type, the name, or the job's own {@code format}, in that order), or a
     * JSON object {@code {url, name?, format?}} names a URL.
     */
    void addFile(Context ctx) throws IOException {
        Params.allowOnly(ctx, ADD_FILE_PARAMS);
        String id = ctx.pathParam("id");
        OptionSet defaults = imports.fileDefaults(id);
        OptionValues query = OptionValues.of(ctx);
        OptionSet given = JobOptions.files(query);
        OptionSet dialect = given.without(Options.FORMAT).over(defaults.without(Options.FORMAT));
        SourceFormat jobFormat = defaults.get(Options.FORMAT);
        SourceFormat named = given.get(Options.FORMAT);
        RequestBodies.requireReadableEncoding(ctx);
        try (BufferedInputStream body = new BufferedInputStream(ctx.req().getInputStream(), 1 << 16)) {
            Job job;
            if (RequestBodies.isJsonObject(ctx, body)) {
                JsonNode source = bodies.json(body, "the request");
                job = imports.addFile(id, url(source, Params.string(ctx, "name"), named, jobFormat, dialect));
            } else {
                String name = Params.string(ctx, "name");
                SourceFormat format = JobOptions.format(named, ctx.contentType(), name, jobFormat);
                job = imports.addFile(id, new JobInput.Upload(name != null ? name : "upload." + format.wireName(),
                        format, JobOptions.forFile(dialect, format), body));
            }
            Answers.json(ctx, 200, answers.document(job, false));
        }
    }

    private static JobInput.Url url(JsonNode source, String queryName, SourceFormat format, SourceFormat fallback,
                                    OptionSet dialect) {
        for (String member : (Iterable<String>) source::fieldNames) {
            if (!Set.of("url", "name", "format").contains(member)) {
                throw JobRequests.invalid(member, "unknown member '" + member + "'; a URL source is {url, name, format}");
            }
        }
        if (!source.path("url").isTextual()) {
            throw JobRequests.invalid("url", "a URL source needs url, a string");
        }
        SourceFormat own = Options.FORMAT.read(OptionValues.of(source));
        String name = source.path("name").isTextual() ? source.get("name").asText() : queryName;
        return new JobInput.Url(source.get("url").asText(), name, own != null ? own : format, fallback,
                JobOptions.forFile(dialect, own != null ? own : format != null ? format : fallback));
    }

    /** {@code POST /v1/imports/{id}/start}: queues an open job; {@code wait} as on the other job-creating routes. */
    void start(Context ctx) throws InterruptedException {
        Params.allowOnly(ctx, JobOptions.WAIT);
        OptionValues query = OptionValues.of(ctx);
        Job job = imports.start(ctx.pathParam("id"));
        answers.created(ctx, new JobIntake.Creation(job, false), JobOptions.wait(query), JobOptions.timeout(query));
    }

    /**
     * {@code POST /v1/imports/{id}/retry}: a child job. No body: the parent's failed rows from its own
     * data (and after a retryable failure, the rest of it). A body: that file, typically the fixed
     * failed-rows CSV. Query options change the parent's for the child.
     */
    void retry(Context ctx) throws InterruptedException, IOException {
        Params.allowOnly(ctx, RETRY_PARAMS);
        Job parent = jobs.require(ctx.pathParam("id"));
        OptionValues query = OptionValues.of(ctx);
        ImportOptions options = JobOptions.options(query, parent.options());
        Imports.RequestKey key = RequestKeys.of(ctx, RequestKeys.query(ctx), ctx.contentType(),
                ctx.header("Content-Encoding"));
        try (InputStream body = ctx.req().getInputStream()) {
            JobInput.Upload fixed = RequestBodies.hasBody(ctx) ? fixedFile(ctx, parent, query, body) : withoutBody(ctx);
            JobIntake.Creation child = imports.retry(parent.id(), options, fixed, key);
            Caller.of(ctx).logAction(jobs, parent.id(), "retry (child " + child.job().id() + ")");
            answers.created(ctx, child, JobOptions.wait(query), JobOptions.timeout(query));
        }
    }

    private JobInput.Upload fixedFile(Context ctx, Job parent, OptionValues query, InputStream body) {
        RequestBodies.requireReadableEncoding(ctx);
        String name = Params.fileName(ctx);
        if (name == null) {
            List<ImportFile> files = jobs.files(parent.id());
            name = files.size() == 1 ? files.get(0).name() : null;
        }
        OptionSet files = JobOptions.files(query);
        SourceFormat format = JobOptions.format(files.get(Options.FORMAT), ctx.contentType(), name, null);
        return new JobInput.Upload(name != null ? name : "retry." + format.wireName(), format,
                JobOptions.forFile(files, format), body);
    }

    private static JobInput.Upload withoutBody(Context ctx) {
        for (String option : ctx.queryParamMap().keySet()) {
            if (JobOptions.FILES.contains(option) || option.equals("file_name")) {
                throw SluiceException.Invalid.option(option, option + " applies to a fixed file sent as the body;"
                        + " a retry without a body re-reads the parent's files as they were read");
            }
        }
        return null;
    }
}
