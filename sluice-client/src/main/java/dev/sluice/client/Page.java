package dev.sluice.client;

import com.fasterxml.jackson.annotation.JsonAlias;

import java.util.List;

/**
 * One page of a list answer; {@code nextCursor} is null on the last page. The list arrives under
 * {@code collections}, {@code imports}, {@code results}, {@code records} or {@code keys}.
 */
public record Page<T>(@JsonAlias({"collections", "imports", "results", "records", "keys"}) List<T> items, String nextCursor) {
}
