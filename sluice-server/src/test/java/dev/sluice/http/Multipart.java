package dev.sluice.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds a {@code multipart/form-data} body, as browsers and {@code curl -F} send it. Not thread-safe. */
final class Multipart {
    private final String boundary = "----sluice-test-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The JSON request part. */
    Multipart request(String json) {
        return part("request", null, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A file part; a null content type sends none. */
    Multipart file(String fileName, String contentType, byte[] bytes) {
        return part("file", fileName, contentType, bytes);
    }

    Multipart file(String fileName, String contentType, String text) {
        return file(fileName, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    Multipart part(String name, String fileName, String contentType, byte[] bytes) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append('"');
        if (fileName != null) {
            head.append("; filename=\"").append(fileName).append('"');
        }
        head.append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("\r\n");
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(body.toByteArray());
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
