package dev.sluice.cli;

import dev.sluice.Config;
import dev.sluice.ConfigBuilder;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where Sluice keeps its data, and which URL hosts it may fetch from: the settings that
 * {@code serve} and every in-process command share, each also an environment variable.
 */
final class StoreOptions {

    @Option(names = "--data-dir", defaultValue = "${env:SLUICE_DATA_DIR:-./sluice-data}",
            description = "Where the database and staged uploads live (SLUICE_DATA_DIR). Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--database-url", defaultValue = "${env:SLUICE_DATABASE_URL:-}",
            description = "PostgreSQL to store everything in: jdbc:postgresql://host:port/db?user=..&password=.. or"
                    + " postgres://user:pass@host:port/db (SLUICE_DATABASE_URL). Default: the embedded SQLite in"
                    + " --data-dir")
    String databaseUrl;

    @Option(names = "--schema", defaultValue = "${env:SLUICE_SCHEMA:-public}",
            description = "PostgreSQL schema of the collection tables; Sluice's own are in schema sluice"
                    + " (SLUICE_SCHEMA). Default: ${DEFAULT-VALUE}")
    String schema;

    @Option(names = "--allow-url-hosts", defaultValue = "${env:SLUICE_ALLOW_URL_HOSTS:-}",
            description = "Hosts that URL sources may name even though they resolve to loopback, private or other"
                    + " internal addresses, comma-separated (SLUICE_ALLOW_URL_HOSTS). Default: none")
    String allowUrlHosts;

    @Option(names = "--max-record-bytes", defaultValue = "${env:SLUICE_MAX_RECORD_BYTES:-16MB}",
            description = "The longest record a file may hold (a CSV record, an NDJSON line, a JSON array element),"
                    + " e.g. 16MB, 512KB or bytes; a longer one fails as malformed_row and the import goes on"
                    + " (SLUICE_MAX_RECORD_BYTES). Default: ${DEFAULT-VALUE}")
    String maxRecordBytes;

    /**
     * A configuration holding these store settings; a setting that does not parse is one of the
     * problems its {@link ConfigBuilder#build()} reports.
     */
    ConfigBuilder config() {
        return Config.builder().dataDir(dataDir).database(databaseUrl).schema(schema).allowUrlHosts(allowUrlHosts)
                .maxRecordBytes(maxRecordBytes);
    }
}
