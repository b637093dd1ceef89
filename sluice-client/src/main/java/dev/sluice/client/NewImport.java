package dev.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The JSON request of {@code POST /v1/imports}: a collection, the job's options, and where the data
 * comes from: URL {@code sources}, inline {@code records}, files sent beside it as multipart parts, or
 * none yet ({@code open}: files are added later with {@link SluiceClient#addFile} and the job is
 * queued by {@link SluiceClient#start}). Immutable and thread-safe; the builder is not thread-safe.
 *
 * @param records    objects keyed by field name, for small batches
 * @param metadata   any JSON object; reported back as is
 * @param provenance where the data came from; null for none
 * @param open       true: the job stays {@code open}, waiting for files
 */
public record NewImport(String collection, ImportRequest options, List<Source> sources, List<JsonNode> records,
                        JsonNode metadata, Provenance provenance, boolean open) {

    public NewImport {
        Objects.requireNonNull(collection, "collection");
        options = options == null ? ImportRequest.defaults() : options;
        sources = sources == null ? List.of() : List.copyOf(sources);
        records = records == null ? List.of() : List.copyOf(records);
    }

    public static Builder builder(String collection) {
        return new Builder(collection);
    }

    /**
     * A URL to fetch ({@code http}, {@code https}, or {@code s3://bucket/key}, which the server reads
     * from its S3 store); {@code name} is the file name the job reports, or null.
     */
    public record Source(String url, String name) {
        public Source {
            Objects.requireNonNull(url, "url");
        }
    }

    /** The request body: the options flattened beside {@code collection}, as the API reads it. */
    ObjectNode toJson(ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        body.put("collection", collection);
        RequestEncoding.writeJson(options, body);
        if (!sources.isEmpty()) {
            ArrayNode s = body.putArray("sources");
            for (Source source : sources) {
                ObjectNode o = s.addObject().put("url", source.url());
                if (source.name() != null) {
                    o.put("name", source.name());
                }
            }
        }
        if (!records.isEmpty()) {
            body.putArray("records").addAll(records);
        }
        if (metadata != null) {
            body.set("metadata", metadata);
        }
        if (provenance != null) {
            body.set("provenance", json.valueToTree(provenance));
        }
        if (open) {
            body.put("open", true);
        }
        return body;
    }

    /** Builds a {@link NewImport}; not thread-safe. */
    public static final class Builder {
        private final String collection;
        private ImportRequest options = ImportRequest.defaults();
        private final List<Source> sources = new ArrayList<>();
        private final List<JsonNode> records = new ArrayList<>();
        private JsonNode metadata;
        private Provenance provenance;
        private boolean open;

        private Builder(String collection) {
            this.collection = Objects.requireNonNull(collection, "collection");
        }

        public Builder options(ImportRequest options) {
            this.options = options;
            return this;
        }

        public Builder source(String url, String name) {
            sources.add(new Source(url, name));
            return this;
        }

        /**
         * An object of the server's S3 store, {@code s3://bucket/key}; a key that ends with {@code /}
         * (or is empty) is a prefix: every object under it becomes a file of the job, in key order.
         */
        public Builder s3(String bucket, String keyOrPrefix) {
            if (bucket == null || bucket.isBlank() || bucket.contains("/")) {
                throw new IllegalArgumentException("an S3 bucket name, without '/', is needed; got '" + bucket + "'");
            }
            String key = keyOrPrefix == null ? "" : keyOrPrefix.startsWith("/") ? keyOrPrefix.substring(1) : keyOrPrefix;
            return source("s3://" + bucket + "/" + key, null);
        }

        public Builder record(JsonNode record) {
            records.add(record);
            return this;
        }

        public Builder records(List<? extends JsonNode> records) {
            this.records.addAll(records);
            return this;
        }

        public Builder metadata(JsonNode metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder provenance(Provenance provenance) {
            this.provenance = provenance;
            return this;
        }

        public Builder open(boolean open) {
            this.open = open;
            return this;
        }

        public NewImport build() {
            return new NewImport(collection, options, sources, records, metadata, provenance, open);
        }
    }
}
