package dev.sluice.job;

/** What a row whose key already exists does: the job option {@code on_conflict}, see docs/concepts.md. */
public enum ConflictPolicy { SKIP, UPDATE, FAIL }
