package dev.sluice.job;

/**
 * What a row whose key already exists does: the job option {@code on_conflict}, see docs/concepts.md.
 * {@code UPDATE} overwrites the whole record, {@code MERGE} only the fields the source carries.
 */
public enum ConflictPolicy { SKIP, UPDATE, FAIL, MERGE }
