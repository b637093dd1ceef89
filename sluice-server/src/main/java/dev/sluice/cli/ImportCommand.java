package dev.sluice.cli;

import dev.sluice.client.ImportJob;
import dev.sluice.client.ImportRequest;
import dev.sluice.client.NewImport;
import dev.sluice.client.SluiceApiException;
import dev.sluice.client.SluiceClient;
import dev.sluice.infer.FileInference;
import dev.sluice.infer.Inference;
import dev.sluice.job.SourceFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code sluice import FILE... --collection C}: loads files with a live progress view and a
 * summary. Exit codes: 0 completed, 2 completed_with_errors, 1 failed, cancelled or a usage error.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import files into a collection, in-process or through a server (--server).")
public final class ImportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV, TSV, NDJSON or JSON-array files, plain or gzip;"
            + " or s3://bucket/key objects and s3://bucket/prefix/ prefixes, which the server reads")
    List<String> inputs;

    /** The local files among {@link #inputs}; none for S3 sources. */
    private List<Path> files;

    @Option(names = {"-c", "--collection"}, required = true, description = "the target collection")
    String collection;

    @Option(names = "--create", description = "create the collection when it is missing, inferring field types"
            + " from a sample of the first file; needs --key")
    boolean create;

    @Option(names = "--key", split = ",", description = "with --create: the key field(s)")
    List<String> key;

    @Mixin
    JobSubmission submission;

    @Override
    public Integer call() throws Exception {
        boolean s3 = inputs.stream().anyMatch(ImportCommand::isS3);
        files = s3 ? List.of() : inputs.stream().map(Path::of).toList();
        String problem = s3 ? s3Problem() : filesProblem();
        if (problem != null) {
            System.err.println("sluice import: " + problem);
            return 1;
        }
        ImportRequest given = checkedRequest();
        if (given == null) {
            return 1;
        }
        return Commands.run("import", submission.target, t -> {
            SluiceClient client = t.client();
            ImportRequest request = ensureCollection(client, given);
            if (request == null) {
                return 1;
            }
            Instant began = Instant.now();
            ImportJob job = s3 ? submitS3(client, request) : submit(client, request);
            return Commands.follow(t, job, submission.json, label(s3), began);
        });
    }

    /** Why the local FILEs cannot be imported as asked, checked before anything is uploaded; null when they can. */
    private String filesProblem() {
        for (Path f : files) {
            String problem = problem(f);
            if (problem == null && submission.options.format == null
                    && SourceFormat.fromFileName(f.getFileName().toString()) == null) {
                problem = "cannot tell the format of " + f + " from its name; name it with --format csv"
                        + " (or tsv, jsonl, json, parquet)";
            }
            if (problem != null) {
                return problem;
            }
        }
        return create && (key == null || key.isEmpty()) ? "--create needs --key FIELD" : null;
    }

    /**
     * Why the S3 objects and prefixes (read by the server, or this command's own, with its S3 settings)
     * cannot be imported as asked; null when they can.
     */
    private String s3Problem() {
        if (!inputs.stream().allMatch(ImportCommand::isS3)) {
            return "s3:// sources and local files cannot be mixed in one import";
        }
        if (create) {
            return "--create infers from a local file; create the collection first (see '"
                    + Invocation.name() + " infer')";
        }
        return null;
    }

    /**
     * The import options, checked before anything starts (a bad option is a usage error, not a
     * half-done import); null, with the reason printed, when they do not hold.
     */
    private ImportRequest checkedRequest() {
        try {
            return submission.options.toRequest().build();
        } catch (IllegalArgumentException e) {
            System.err.println("sluice import: " + e.getMessage());
            return null;
        }
    }

    private static boolean isS3(String input) {
        return input.regionMatches(true, 0, "s3://", 0, 5);
    }

    /** What the progress view calls the data: the one file or source, or how many there are. */
    private String label(boolean s3) {
        if (s3) {
            return inputs.size() == 1 ? inputs.get(0) : inputs.size() + " sources";
        }
        return files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " files";
    }

    /** Why a FILE cannot be imported, checked before anything is uploaded; null when it can. */
    static String problem(Path f) {
        if (Files.isDirectory(f)) {
            return f + " is a directory, not a file";
        }
        if (!Files.exists(f)) {
            return f + ": no such file";
        }
        if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
            return "cannot read " + f + (Files.isRegularFile(f) ? ": permission denied" : ": not a regular file");
        }
        return null;
    }

    /** The request to import with (the inferred names and dialect when the collection was created), or null. */
    private ImportRequest ensureCollection(SluiceClient client, ImportRequest request) throws IOException {
        try {
            client.getCollection(collection);
            if (create) {
                System.err.println("collection " + collection + " exists; --create ignored");
            }
            return request;
        } catch (SluiceApiException e) {
            if (!"collection_not_found".equals(e.code())) {
                throw e;
            }
        }
        if (!create) {
            System.err.println("sluice import: collection '" + collection + "' does not exist; define it with"
                    + " '" + Invocation.name() + " collections create --file schema.json', or add --create --key FIELD to infer it");
            return null;
        }
        Path sample = files.get(0);
        ImportRequest.Format named = submission.options.format;
        SourceFormat format = named != null ? SourceFormat.fromWireName(named.wireName())
                : SourceFormat.fromFileName(sample.getFileName().toString());
        if (format == null) {
            System.err.println("sluice import: cannot tell the format of " + sample
                    + " from its name; name it with --format csv (or tsv, jsonl, json, parquet)");
            return null;
        }
        Inference inferred = FileInference.infer(sample, new FileInference.Options(format, request.delimiter(),
                request.quote(), request.header(), request.encoding(), FileInference.Options.DEFAULT_SAMPLE_ROWS,
                request.sheet()));
        ImportRequest sniffed = CreateDialect.apply(submission.options.toRequest(), request, inferred, files.size());
        if (sniffed == null) {
            System.err.println("sluice import: with several files, --create needs header names that are already"
                    + " field names; see what '" + Invocation.name() + " infer " + sample + "' proposes");
            return null;
        }
        List<String> notes = new ArrayList<>();
        var created = client.createCollection(Definitions.toWire(Definitions.fromInference(collection, inferred, key, notes)));
        if (!submission.json) {
            System.err.println("created collection " + created.name() + ": " + Definitions.describe(created));
            notes.forEach(System.err::println);
        }
        return sniffed;
    }

    private ImportJob submitS3(SluiceClient client, ImportRequest request) {
        NewImport.Builder b = NewImport.builder(collection).options(request);
        inputs.forEach(url -> b.source(url, null));
        return client.createImport(b.build());
    }

    private ImportJob submit(SluiceClient client, ImportRequest request) {
        if (files.size() == 1) {
            return client.importFile(collection, files.get(0), request);
        }
        return client.createImport(NewImport.builder(collection).options(request).build(), files);
    }
}
