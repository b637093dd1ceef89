package dev.sluice.cli;

import dev.sluice.client.Collection;
import dev.sluice.client.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sluice collections list|show|create|drop}. */
@Command(name = "collections", mixinStandardHelpOptions = true, description = "Define, list, show and drop collections.",
        subcommands = {CollectionsCommand.List.class, CollectionsCommand.Show.class, CollectionsCommand.Create.class,
                CollectionsCommand.Drop.class})
public final class CollectionsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List collections with their record counts.")
    static final class List implements Callable<Integer> {
        @Option(names = "--json", description = "print the collections as a JSON array")
        boolean json;
        @Mixin
        TargetOptions target;

        @Override
        public Integer call() {
            return Commands.run("collections list", target, t -> {
                var collections = t.client().listCollections();
                return Commands.answer(json, collections, () -> {
                    for (Collection c : collections) {
                        System.out.printf("%-32s %,12d records  key %s%n", c.name(), c.recordCount(), c.key());
                    }
                });
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a collection's definition as JSON.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--json", description = "print the definition as JSON (what show prints anyway)")
        boolean json;
        @Mixin
        TargetOptions target;

        @Override
        public Integer call() {
            return Commands.run("collections show", target, t -> {
                Commands.printJson(t.client().getCollection(name));
                return 0;
            });
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Define a collection from a JSON file.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--file", required = true, description = "the definition: {name, fields, key, key_case_insensitive}")
        Path file;
        @Option(names = "--json", description = "print the created collection as JSON")
        boolean json;
        @Mixin
        TargetOptions target;

        @Override
        public Integer call() {
            return Commands.run("collections create", target, t -> {
                Collection definition = Json.mapper().readValue(Files.readAllBytes(file), Collection.class);
                Collection created = t.client().createCollection(definition);
                return Commands.answer(json, created, () -> System.out.println("created collection " + created.name()
                        + ": " + Definitions.describe(created)));
            });
        }
    }

    @Command(name = "drop", mixinStandardHelpOptions = true, description = "Drop a collection and its records.")
    static final class Drop implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;
        @Mixin
        TargetOptions target;

        @Override
        public Integer call() {
            return Commands.run("collections drop", target, t -> {
                t.client().dropCollection(name);
                System.out.println("dropped collection " + name);
                return 0;
            });
        }
    }

    /** Not instantiated: a group of subcommands. */
    private CollectionsCommand() {
    }
}
