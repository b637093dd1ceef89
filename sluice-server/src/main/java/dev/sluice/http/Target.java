package dev.sluice.http;

/**
 * Which collection a route touches, so that a key restricted to some collections sees only them
 * (docs/http-api.md, "Keys and scopes"): any other collection, and any job of one, answers 404 as
 * if it did not exist.
 */
public enum Target {
    /** No collection (keys, metrics, the document): nothing to restrict. */
    NONE,
    /** The collection named by the path parameter {@code name}; checked before the handler runs. */
    COLLECTION,
    /** The job named by the path parameter {@code id}, through its collection; checked before the handler runs. */
    JOB,
    /** A list: the handler leaves out what the caller may not see. */
    LIST,
    /** The collection the request body names ({@code POST /v1/imports}): the handler checks it once read. */
    BODY_COLLECTION
}
