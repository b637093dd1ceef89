package dev.sluice.client;

import com.fasterxml.jackson.annotation.JsonAlias;

import java.util.List;

/**
 * One page of a list answer; {@code nextCursor} is null on the last page. The list arrives under
 * {@code collections}, {@code imports}, {@code results}, {@code records}, {@code keys},
 * {@code webhooks} or {@code deliveries}.
 */
public record Page<T>(@JsonAlias({"collections", "imports", "results", "records", "keys", "webhooks", "deliveries"}) List<T> items, String nextCursor) {
}
