package dev.sluice.source;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status line and headers of an HTTP/1.x response, and the framing of the body that follows.
 * Reading is bounded (line length, header count), so a hostile server cannot make us buffer much.
 * Immutable.
 *
 * @param headers field names in lower case, each with its values in the order received
 */
record HttpHead(int status, String reason, Map<String, List<String>> headers) {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: (.*))?");
    private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final int MAX_LINE = 8192;
    private static final int MAX_FIELDS = 100;

    /** Reads the next final response head, skipping interim (1xx) ones. */
    static HttpHead read(InputStream in) throws IOException {
        while (true) {
            String statusLine = readLine(in);
            if (statusLine == null) {
                throw new EOFException("the server closed the connection without answering");
            }
            Matcher m = STATUS_LINE.matcher(statusLine);
            if (!m.matches()) {
                throw new MalformedResponseException("the answer is not HTTP/1.x: '" + abbreviate(statusLine) + "'");
            }
            int status = Integer.parseInt(m.group(1));
            Map<String, List<String>> headers = readFields(in);
            if (status == 101 || status < 100) {
                throw new MalformedResponseException("unexpected status " + status);
            }
            if (status >= 200) {
                return new HttpHead(status, m.group(2) == null ? "" : m.group(2).trim(), headers);
            }
        }
    }

    /** The fields up to the blank line; also used for a chunked body's trailer. */
    static Map<String, List<String>> readFields(InputStream in) throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine(in);
            if (line == null) {
                throw new EOFException("the connection closed inside the response headers");
            }
            if (line.isEmpty()) {
                return fields;
            }
            if (count == MAX_FIELDS) {
                throw new MalformedResponseException("more than " + MAX_FIELDS + " header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !FIELD_NAME.matcher(line.substring(0, colon)).matches()) {
                throw new MalformedResponseException("a header line is malformed: '" + abbreviate(line) + "'");
            }
            fields.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
    }

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    boolean chunked() throws MalformedResponseException {
        List<String> codings = new ArrayList<>();
        for (String value : headers.getOrDefault("transfer-encoding", List.of())) {
            for (String coding : value.split(",")) {
                if (!coding.isBlank()) {
                    codings.add(coding.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (codings.isEmpty()) {
            return false;
        }
        if (!codings.get(codings.size() - 1).equals("chunked") || codings.stream().anyMatch(
                c -> !c.equals("chunked") && !c.equals("identity"))) {
            throw new MalformedResponseException("unsupported Transfer-Encoding: " + String.join(", ", codings));
        }
        return true;
    }

    /** The declared body length; null when chunked or not declared. */
    Long contentLength() throws MalformedResponseException {
        if (chunked()) {
            return null;
        }
        Long length = null;
        for (String value : headers.getOrDefault("content-length", List.of())) {
            for (String part : value.split(",")) {
                String digits = part.strip();
                if (!digits.matches("\\d{1,18}")) {
                    throw new MalformedResponseException("Content-Length is not a number: '" + abbreviate(value) + "'");
                }
                long n = Long.parseLong(digits);
                if (length != null && length != n) {
                    throw new MalformedResponseException("conflicting Content-Length values: " + length + " and " + n);
                }
                length = n;
            }
        }
        return length;
    }

    /** The body that follows this head on {@code in}, framed by length, chunks, or the connection's end. */
    InputStream body(String method, InputStream in) throws MalformedResponseException {
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        if (chunked()) {
            return new ChunkedBody(in);
        }
        Long length = contentLength();
        return length == null ? in : new LengthBody(in, length);
    }

    /** One line without its CR LF (a bare LF is accepted), or null at the end of the stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (line.size() == MAX_LINE) {
                throw new MalformedResponseException("a line of the response is longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw new EOFException("the connection closed in the middle of a line");
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** An answer that is not well-formed HTTP/1.x. */
    static final class MalformedResponseException extends IOException {
        MalformedResponseException(String message) {
            super(message);
        }
    }
}
