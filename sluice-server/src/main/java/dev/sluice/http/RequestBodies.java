package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.error.SluiceException;
import dev.sluice.job.SourceFormat;
import dev.sluice.source.Staging;
import io.javalin.http.Context;
import io.javalin.http.util.MultipartUtil;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads request bodies that are not one raw file: JSON documents (at most 16 MB, so a request is
 * never a way to fill memory) and multipart forms, whose parts Jetty spools to a directory inside
 * staging as they arrive (only parts under 64 KB stay in memory; no size limit), so a multi-GB file
 * part is streamed, never buffered. Thread-safe.
 */
final class RequestBodies {
    private static final int IN_MEMORY_PART_BYTES = 64 * 1024;

    private final Staging staging;
    private final ObjectMapper json;
    private final long maxJsonBytes;

    /** @param maxJsonBytes the largest JSON document ({@code --max-request-bytes}) */
    RequestBodies(Staging staging, ObjectMapper json, long maxJsonBytes) {
        this.staging = staging;
        this.json = json;
        this.maxJsonBytes = maxJsonBytes;
    }

    static boolean isMultipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** True when the request has a body (a length above zero, or chunks). */
    static boolean hasBody(Context ctx) {
        return ctx.req().getContentLengthLong() > 0 || "chunked".equalsIgnoreCase(ctx.header("Transfer-Encoding"));
    }

    /** True when a JSON body starts with an object, not an array (a JSON data file); peeks without consuming. */
    static boolean isJsonObject(Context ctx, BufferedInputStream body) throws IOException {
        if (SourceFormat.fromMediaType(ctx.contentType()) != SourceFormat.JSON) {
            return false;
        }
        body.mark(4096);
        try {
            int b;
            int read = 0;
            while ((b = body.read()) >= 0 && read++ < 4096) {
                if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
                    return b == '{';
                }
            }
            return false;
        } finally {
            body.reset();
        }
    }

    /** Refuses a {@code Content-Encoding} other than gzip or identity with {@code 415 unsupported_media_type}. */
    static void requireReadableEncoding(Context ctx) {
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("gzip")
                && !encoding.equalsIgnoreCase("identity")) {
            throw new SluiceException.UnsupportedMedia("unsupported_media_type", "Content-Encoding '" + encoding
                    + "' is not supported; send the file plain or gzip-compressed", Map.of("content_encoding", encoding));
        }
    }

    /**
     * A JSON document of at most {@code --max-request-bytes}.
     *
     * @param what names the document in errors, e.g. {@code the request part}
     */
    JsonNode json(InputStream in, String what) {
        return json(json, in, what, maxJsonBytes);
    }

    /** {@link #json(InputStream, String)} with the given mapper and limit. */
    static JsonNode json(ObjectMapper json, InputStream in, String what, long limit) {
        try {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw new SluiceException.TooLarge("payload_too_large", what + " is larger than the limit of " + limit
                        + " bytes set by --max-request-bytes / SLUICE_MAX_REQUEST_BYTES; send large data as file parts"
                        + " or to POST /v1/collections/{name}/import",
                        Map.of("limit_bytes", limit, "setting", "max_request_bytes"));
            }
            return RequestJson.read(json, bytes, what);
        } catch (IOException e) {
            throw new SluiceException.Invalid("upload_failed", "reading " + what + " failed: " + e.getMessage());
        }
    }

    /** A file part: its file name (null when it sent none), its Content-Type and its bytes. */
    record FilePart(String name, String contentType, InputStream body) {
    }

    /** The parts of a multipart request; closing it closes their streams. */
    record Parts(InputStream request, List<FilePart> files) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            request.close();
            for (FilePart f : files) {
                f.body().close();
            }
        }
    }

    /**
     * The {@code request} part and the {@code file} parts, in the order sent.
     *
     * @throws SluiceException {@code invalid_request} for a missing or repeated request part or a part of
     *                         another name; {@code upload_failed} when the form is broken or breaks off
     */
    Parts parts(Context ctx) throws IOException {
        List<Part> all = allParts(ctx);
        Part request = null;
        List<Part> fileParts = new ArrayList<>();
        for (Part p : all) {
            if (p.getName().equals("request") && request == null) {
                request = p;
            } else if (p.getName().equals("file")) {
                fileParts.add(p);
            } else {
                throw JobRequests.invalid(p.getName(), "unexpected part '" + p.getName() + "': a multipart request has"
                        + " one request part (the JSON request) and file parts named file");
            }
        }
        if (request == null) {
            throw JobRequests.invalid("request", "the multipart request has no request part: send the JSON request"
                    + " as a part named request");
        }
        if (SourceFormat.fromMediaType(request.getContentType()) != SourceFormat.JSON) {
            // a web form's text field has no Content-Type: a page must not be able to post a job as a form
            throw new SluiceException.UnsupportedMedia("unsupported_media_type", "the request part must be sent as"
                    + " application/json, got " + (request.getContentType() == null ? "no Content-Type"
                    : "'" + request.getContentType() + "'"), Map.of("part", "request"));
        }
        List<FilePart> files = new ArrayList<>();
        for (Part p : fileParts) {
            files.add(new FilePart(fileName(p.getSubmittedFileName()), p.getContentType(), p.getInputStream()));
        }
        return new Parts(request.getInputStream(), files);
    }

    /**
     * The one {@code file} part of a multipart form that sends a file alone (its options in the query).
     *
     * @throws SluiceException {@code invalid_request} for a part of another name or not exactly one file
     *                         part; {@code upload_failed} when the form is broken or breaks off
     */
    FilePart filePart(Context ctx) throws IOException {
        List<Part> all = allParts(ctx);
        if (all.size() != 1 || !all.get(0).getName().equals("file")) {
            throw JobRequests.invalid("file", "the multipart body must hold one part, named file, holding the file;"
                    + " got " + all.stream().map(Part::getName).toList());
        }
        Part p = all.get(0);
        return new FilePart(fileName(p.getSubmittedFileName()), p.getContentType(), p.getInputStream());
    }

    private List<Part> allParts(Context ctx) throws IOException {
        ctx.req().setAttribute(MultipartUtil.MULTIPART_CONFIG_ATTRIBUTE, new MultipartConfigElement(
                staging.spoolDirectory().toString(), -1, -1, IN_MEMORY_PART_BYTES));
        try {
            return new ArrayList<>(ctx.req().getParts());
        } catch (ServletException | IOException | RuntimeException e) {
            // Jetty closes a connection whose multipart body failed to parse, after the answer; say so
            // in the answer, or a client that pools connections sends its next request into a dead one.
            ctx.header("Connection", "close");
            throw new SluiceException.Invalid("upload_failed", "the multipart body cannot be read: " + rootMessage(e));
        }
    }

    /** The last segment of a submitted file name (some clients send a whole path), or null. */
    private static String fileName(String submitted) {
        if (submitted == null || submitted.isBlank()) {
            return null;
        }
        String name = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
        String problem = FileNames.problem(name);
        if (problem != null) {
            throw JobRequests.invalid("file", "the file part's filename: " + problem);
        }
        return name.isBlank() ? null : name;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
