package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.error.SluiceException;
import dev.sluice.infer.FileInference;
import dev.sluice.infer.Inference;
import dev.sluice.job.Option;
import dev.sluice.job.Options;
import dev.sluice.job.SourceFormat;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceForbiddenException;
import dev.sluice.source.Staging;
import dev.sluice.source.UrlSources;
import io.javalin.http.Context;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /v1/infer} (docs/inference.md, docs/http-api.md): the same bodies as an import (a raw
 * file, a multipart form with a {@code file} part, or a JSON {@code {"url": ...}} under the URL policy
 * of URL sources) and the same dialect options, answered with the {@link Inference} of a sample. An
 * uploaded body is staged to a temporary file so that the sample can reach its middle and end, and
 * deleted once answered; of a URL only the first {@link #URL_HEAD_BYTES} are fetched. Nothing is
 * stored. Thread-safe.
 */
final class InferRoutes {
    /** Enough for the sample's head: a URL is never read to its end. */
    static final long URL_HEAD_BYTES = 5L * 1024 * 1024;
    private static final List<Option<?>> DIALECT = List.of(Options.FORMAT, Options.DELIMITER, Options.QUOTE,
            Options.HEADER, Options.ENCODING, Options.SHEET);
    private static final String SAMPLE_ROWS = "sample_rows";
    private static final Set<String> PARAMS = Set.of("format", "delimiter", "quote", "header", "encoding", "sheet",
            SAMPLE_ROWS);
    private static final int MAX_SAMPLE_ROWS = 1_000_000;

    private final Staging staging;
    private final UrlSources urls;
    private final RequestBodies bodies;

    InferRoutes(Staging staging, UrlSources urls, RequestBodies bodies) {
        this.staging = staging;
        this.urls = urls;
        this.bodies = bodies;
    }

    /** {@code POST /v1/infer}. */
    void infer(Context ctx) throws IOException {
        Params.allowOnly(ctx, PARAMS);
        RequestBodies.requireReadableEncoding(ctx);
        OptionValues query = OptionValues.of(ctx);
        if (RequestBodies.isMultipart(ctx)) {
            RequestBodies.FilePart part = bodies.filePart(ctx);
            try (InputStream file = part.body()) {
                SourceFormat sent = SourceFormat.fromMediaType(part.contentType());
                answer(ctx, stage(file), options(query, null, sent != null ? sent
                        : part.name() == null ? null : SourceFormat.fromFileName(part.name())));
            }
            return;
        }
        BufferedInputStream body = new BufferedInputStream(ctx.req().getInputStream());
        if (RequestBodies.isJsonObject(ctx, body)) {
            JsonNode request = bodies.json(body, "the request");
            answer(ctx, fetched(url(request)), options(OptionValues.of(request), query, null));
            return;
        }
        SourceFormat sent = SourceFormat.fromMediaType(ctx.contentType());
        if (Options.FORMAT.read(query) == null && sent == null) {
            throw SluiceException.Invalid.option("format", "Content-Type '" + ctx.contentType() + "' is not a format"
                    + " Sluice reads: send text/csv, text/tab-separated-values, application/x-ndjson or"
                    + " application/json, or name the format with ?format=");
        }
        answer(ctx, stage(body), options(query, null, sent));
    }

    private void answer(Context ctx, Staging.StagedFile staged, FileInference.Options options) throws IOException {
        try {
            Inference inference = FileInference.infer(staging.resolve(staged.path()), options);
            ctx.status(200).contentType("application/json").result(inference.toJson());
        } finally {
            staging.delete(List.of(staged.path()));
        }
    }

    /**
     * The dialect options and {@code sample_rows}; {@code fallback} (the query, for a JSON request) is
     * read for what {@code given} leaves out, and {@code sent} is the format the body's type tells.
     */
    private static FileInference.Options options(OptionValues given, OptionValues fallback, SourceFormat sent) {
        SourceFormat format = pick(Options.FORMAT, given, fallback);
        Long rows = given.number(SAMPLE_ROWS);
        if (rows == null && fallback != null) {
            rows = fallback.number(SAMPLE_ROWS);
        }
        if (rows != null && (rows < 1 || rows > MAX_SAMPLE_ROWS)) {
            throw SluiceException.Invalid.option(SAMPLE_ROWS, "sample_rows must be from 1 to " + MAX_SAMPLE_ROWS
                    + ", got " + rows);
        }
        return new FileInference.Options(format != null ? format : sent, pick(Options.DELIMITER, given, fallback),
                pick(Options.QUOTE, given, fallback), pick(Options.HEADER, given, fallback),
                pick(Options.ENCODING, given, fallback),
                rows == null ? FileInference.Options.DEFAULT_SAMPLE_ROWS : rows.intValue(),
                pick(Options.SHEET, given, fallback));
    }

    private static <T> T pick(Option<T> option, OptionValues given, OptionValues fallback) {
        T value = option.read(given);
        return value == null && fallback != null ? option.read(fallback) : value;
    }

    private static String url(JsonNode request) {
        request.fieldNames().forEachRemaining(member -> {
            if (!member.equals("url") && !member.equals(SAMPLE_ROWS)
                    && DIALECT.stream().noneMatch(o -> o.name().equals(member))) {
                throw JobRequests.invalid(member, "unknown member '" + member + "'; an inference request is {url,"
                        + " format, delimiter, quote, header, encoding, sample_rows}");
            }
        });
        if (!request.path("url").isTextual()) {
            throw JobRequests.invalid("url", "an inference request needs url, a string");
        }
        return request.get("url").asText();
    }

    private Staging.StagedFile stage(InputStream in) throws IOException {
        return staging.stage("infer-" + UUID.randomUUID(), "sample", in, Long.MAX_VALUE);
    }

    /** The URL's first bytes, staged; the URL policy of URL sources applies. */
    private Staging.StagedFile fetched(String url) throws IOException {
        urls.check(url);
        try (InputStream in = urls.open(url)) {
            return stage(new BoundedHead(in, URL_HEAD_BYTES));
        } catch (SourceForbiddenException e) {
            throw new SluiceException.Invalid("source_forbidden", e.getMessage(), Map.of("url", url));
        } catch (SourceException e) {
            throw new SluiceException.Invalid("invalid_source", e.getMessage(), Map.of("url", url));
        }
    }

    /** The first bytes of a stream, then its end. */
    private static final class BoundedHead extends java.io.FilterInputStream {
        private long left;

        BoundedHead(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            left -= b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            left -= Math.max(n, 0);
            return n;
        }
    }
}
