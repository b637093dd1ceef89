package dev.sluice.client;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body whose file parts stream from disk: the parts are concatenated
 * publishers, so no file is read into memory. Not thread-safe; build, then send once.
 */
final class MultipartBody {
    private final String boundary = "sluice-" + UUID.randomUUID();
    private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    MultipartBody part(String name, String contentType, byte[] content) {
        parts.add(HttpRequest.BodyPublishers.ofByteArray(head(name, null, contentType)));
        parts.add(HttpRequest.BodyPublishers.ofByteArray(content));
        parts.add(HttpRequest.BodyPublishers.ofString("\r\n"));
        return this;
    }

    MultipartBody file(String name, Path file, String contentType) {
        parts.add(HttpRequest.BodyPublishers.ofByteArray(head(name, file.getFileName().toString(), contentType)));
        try {
            parts.add(HttpRequest.BodyPublishers.ofFile(file));
        } catch (FileNotFoundException e) {
            throw new SluiceClientException("cannot read " + file + ": " + e.getMessage(), e);
        }
        parts.add(HttpRequest.BodyPublishers.ofString("\r\n"));
        return this;
    }

    HttpRequest.BodyPublisher publisher() {
        List<HttpRequest.BodyPublisher> all = new ArrayList<>(parts);
        all.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
        return HttpRequest.BodyPublishers.concat(all.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private byte[] head(String name, String fileName, String contentType) {
        StringBuilder h = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quoted(name)).append('"');
        if (fileName != null) {
            h.append("; filename=\"").append(quoted(fileName)).append('"');
        }
        h.append("\r\nContent-Type: ").append(contentType).append("\r\n\r\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String text) {
        return text.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
