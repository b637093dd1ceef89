package dev.sluice.cli;

import dev.sluice.Config;
import dev.sluice.ConfigBuilder;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where Sluice keeps its data, which URL hosts it may fetch from and which S3 store it reads: the settings that
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

    @Option(names = "--s3-endpoint", defaultValue = "${env:SLUICE_S3_ENDPOINT:-}",
            description = "The http(s) URL of an S3-compatible store that s3:// sources are read from, such as"
                    + " http://127.0.0.1:9000 (SLUICE_S3_ENDPOINT). Default: AWS S3. Credentials come from the AWS"
                    + " chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, the instance role")
    String s3Endpoint;

    @Option(names = "--s3-region", defaultValue = "${env:SLUICE_S3_REGION:-}",
            description = "The region S3 requests are signed for (SLUICE_S3_REGION). Default: AWS_REGION or the"
                    + " profile's, else us-east-1")
    String s3Region;

    @Option(names = "--s3-path-style", defaultValue = "${env:SLUICE_S3_PATH_STYLE:-false}", fallbackValue = "true",
            arity = "0..1", description = "Address buckets in the path (http://endpoint/bucket/key), as most"
                    + " S3-compatible stores want, not as a host name (SLUICE_S3_PATH_STYLE)")
    boolean s3PathStyle;

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
                .maxRecordBytes(maxRecordBytes).s3Endpoint(s3Endpoint).s3Region(s3Region).s3PathStyle(s3PathStyle);
    }
}
