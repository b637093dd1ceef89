package dev.sluice.job;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The file formats Sluice reads. Immutable and thread-safe. */
public enum SourceFormat {
    CSV("text/csv", ".csv"),
    TSV("text/tab-separated-values", ".tsv"),
    JSONL("application/x-ndjson", ".jsonl"),
    JSON("application/json", ".json"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    /** Binary and columnar: read from a file, one row group at a time (docs/parquet.md). */
    PARQUET("application/vnd.apache.parquet", ".parquet");

    private final String mediaType;
    private final String extension;

    SourceFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format with this wire name ({@code csv}, {@code tsv}, {@code jsonl}, {@code json}, {@code xlsx}, {@code parquet}; {@code ndjson} too), or null. */
    public static SourceFormat fromWireName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("ndjson")) {
            return JSONL;
        }
        for (SourceFormat format : values()) {
            if (format.wireName().equals(n)) {
                return format;
            }
        }
        return null;
    }

    /** Each media type Sluice reads as a format, with its format: the canonical ones and their common aliases. */
    private static final Map<String, SourceFormat> BY_MEDIA_TYPE = Map.ofEntries(
            Map.entry("text/csv", CSV), Map.entry("application/csv", CSV),
            Map.entry("text/tab-separated-values", TSV), Map.entry("text/tsv", TSV),
            Map.entry("application/x-ndjson", JSONL), Map.entry("application/ndjson", JSONL),
            Map.entry("application/jsonl", JSONL), Map.entry("application/x-jsonlines", JSONL),
            Map.entry("application/jsonlines", JSONL),
            Map.entry("application/json", JSON),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", XLSX),
            Map.entry("application/vnd.apache.parquet", PARQUET), Map.entry("application/x-parquet", PARQUET));

    /** The format a Content-Type names (parameters such as charset ignored), or null. */
    public static SourceFormat fromMediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        return BY_MEDIA_TYPE.get(contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
    }

    /** Every media type {@link #fromMediaType} knows. */
    public static Set<String> mediaTypes() {
        return BY_MEDIA_TYPE.keySet();
    }

    /** The format a file name suggests ({@code people.csv}, {@code dump.jsonl.gz}), or null. */
    public static SourceFormat fromFileName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        } else if (n.endsWith(".gzip")) {
            n = n.substring(0, n.length() - 5);
        }
        if (n.endsWith(".ndjson")) {
            return JSONL;
        }
        for (SourceFormat format : values()) {
            if (n.endsWith(format.extension)) {
                return format;
            }
        }
        return null;
    }
}
