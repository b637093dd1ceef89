package dev.sluice.cli;

import dev.sluice.client.ApiKey;
import dev.sluice.client.Page;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;

/** {@code sluice keys create|list|revoke}: the server's API keys (docs/cli.md#keys). */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.List.class, KeysCommand.Revoke.class})
public final class KeysCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key and print its secret, which is shown this once only.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "what the key is for, e.g. nightly-loader")
        String name;
        @Option(names = "--scope", required = true, split = ",",
                description = "what it may do: collections:read, collections:write, records:read, imports:read,"
                        + " imports:write, keys:manage, metrics:read or *; repeat or separate with commas")
        java.util.List<String> scopes;
        @Option(names = "--collection", split = ",", description = "a collection it reaches; repeat or separate with"
                + " commas. Default: every collection (*)")
        java.util.List<String> collections;
        @Option(names = "--expires-at", description = "when it stops working, e.g. 2027-01-31T00:00:00Z. Default: never")
        Instant expiresAt;
        @Option(names = "--json", description = "print the key document (with its secret) as JSON")
        boolean json;
        @Mixin
        TargetOptions target;

        @Override
        public Integer call() {
            return Commands.run("keys create", target, t -> {
                ApiKey key = t.client().keys().create(name, scopes,
                        collections == null || collections.isEmpty() ? java.util.List.of("*") : collections, expiresAt);
                return Commands.answer(json, key, () -> {
                    System.out.println(key.key());
                    System.err.println("key " + key.id() + " (" + key.name() + ") created; the secret above is shown"
                            + " once only: keep it now");
                });
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys (never their secrets).")
    static final class List implements Callable<Integer> {
        @Option(names = "--json", description = "print the keys as a JSON array")
        boolean json;
        @Mixin
        TargetOptions target;

        @Override
        public Integer call() {
            return Commands.run("keys list", target, t -> {
                java.util.List<ApiKey> keys = new ArrayList<>();
                String cursor = null;
                do {
                    Page<ApiKey> page = t.client().keys().list(cursor);
                    keys.addAll(page.items());
                    cursor = page.nextCursor();
                } while (cursor != null);
                return Commands.answer(json, keys, () -> {
                    for (ApiKey k : keys) {
                        System.out.printf("%-38s %-24s %-14s %s  collections %s  expires %s%n", k.id(), k.name(),
                                k.prefix(), String.join(",", k.scopes()), String.join(",", k.collections()),
                                k.expiresAt() == null ? "never" : k.expiresAt());
                    }
                });
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key at once, on every node.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;
        @Mixin
        TargetOptions target;

        @Override
        public Integer call() {
            return Commands.run("keys revoke", target, t -> {
                t.client().keys().revoke(id);
                System.out.println("key " + id + " revoked");
                return 0;
            });
        }
    }
}
