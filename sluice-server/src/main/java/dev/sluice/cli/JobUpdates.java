package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.client.ImportJob;
import dev.sluice.client.Json;
import dev.sluice.client.ServerEvent;
import dev.sluice.client.SluiceApiException;
import dev.sluice.client.SluiceClient;
import dev.sluice.client.SluiceClientException;

import java.time.Duration;

/**
 * The newest status document of a job being watched. Streamed, it follows the job's event stream
 * (docs/http-api.md#events) on a daemon thread: {@code state} brings the whole document,
 * {@code progress} its counts, {@code file} and {@code end} a fresh read. A stream that breaks off
 * before {@code end} is opened again with {@code Last-Event-ID}, so nothing is missed, up to
 * {@value #RECONNECTS} times; when it cannot be opened (an older server, {@code 503
 * too_many_streams}) or keeps breaking, it polls {@code GET /v1/imports/{id}} instead, as it always
 * does when polled. The stream's thread is
 * a daemon that ends with the stream (at {@code end}) or with the process. Thread-safe.
 */
final class JobUpdates {
    /** How often a stream that drops before {@code end} is opened again, resuming, before the watch polls. */
    static final int RECONNECTS = 5;
    private final SluiceClient client;
    private final String jobId;
    private final Object lock = new Object();
    private ImportJob latest;
    private boolean changed;
    private boolean streaming;
    private boolean ended;
    private String fallback;
    /** The id of the last event taken: a reconnect resumes after it ({@code Last-Event-ID}). */
    private String lastId;

    private JobUpdates(SluiceClient client, ImportJob start) {
        this.client = client;
        this.jobId = start.id();
        this.latest = start;
    }

    /** Updates read by polling only. */
    static JobUpdates polled(SluiceClient client, ImportJob start) {
        return new JobUpdates(client, start);
    }

    /** Updates read from the job's event stream, polling once it is not available. */
    static JobUpdates streamed(SluiceClient client, ImportJob start) {
        JobUpdates u = new JobUpdates(client, start);
        u.streaming = true;
        Thread reader = new Thread(u::follow, "sluice-events-" + start.id());
        reader.setDaemon(true);
        reader.start();
        return u;
    }

    /** Waits at most {@code wait} for news of the job; answers its newest document. */
    ImportJob next(Duration wait) throws InterruptedException {
        synchronized (lock) {
            long until = System.nanoTime() + wait.toNanos();
            long left;
            while (streaming && !changed && (left = until - System.nanoTime()) > 0) {
                lock.wait(Math.max(1, left / 1_000_000));
            }
            if (streaming || changed) {
                changed = false;
                return latest;
            }
        }
        Thread.sleep(wait.toMillis());
        return client.getImport(jobId);
    }

    /** True once the stream has sent {@code end}: the job's end was seen through the stream. */
    boolean sawEnd() {
        synchronized (lock) {
            return ended;
        }
    }

    /** Why the watch polls, or null while it follows the stream (or was never streamed). */
    String fallback() {
        synchronized (lock) {
            return fallback;
        }
    }

    private void follow() {
        String why = "the event stream closed before the job ended";
        int drops = 0;
        while (true) {
            try {
                client.events(jobId, lastId(), this::take);
                why = "the event stream closed before the job ended";
            } catch (SluiceApiException e) {
                why = "the event stream answered " + e.status() + " " + e.code();
                break; // the server refuses the stream: asking again would be refused again
            } catch (SluiceClientException e) {
                why = e.getMessage();
            } catch (RuntimeException e) {
                why = "the event stream could not be read: " + e;
                break;
            }
            if (sawEnd() || ++drops > RECONNECTS || !pause(drops)) {
                break;
            }
        }
        synchronized (lock) {
            streaming = false;
            if (!ended) {
                fallback = why + (drops > RECONNECTS ? " (" + RECONNECTS + " reconnects)" : "");
            }
            lock.notifyAll();
        }
    }

    /** Waits before reconnect {@code n}: 250 ms, then twice as long each time. False when interrupted. */
    private static boolean pause(int n) {
        try {
            Thread.sleep(250L << Math.min(n - 1, 4));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String lastId() {
        synchronized (lock) {
            return lastId;
        }
    }

    private void take(ServerEvent e) {
        ImportJob now = switch (e.name()) {
            case "state" -> Json.mapper().convertValue(e.data(), ImportJob.class);
            case "progress" -> withProgress(e);
            case "file", "end" -> client.getImport(jobId);
            default -> null;
        };
        synchronized (lock) {
            if (now != null) {
                latest = now;
                changed = true;
            }
            ended |= e.isEnd();
            if (e.id() != null) {
                lastId = e.id();
            }
            lock.notifyAll();
        }
    }

    /** The newest document with a {@code progress} event's fields (state, progress, counts, ...) over it. */
    private ImportJob withProgress(ServerEvent e) {
        ImportJob base;
        synchronized (lock) {
            base = latest;
        }
        ObjectNode doc = Json.mapper().valueToTree(base);
        doc.setAll((ObjectNode) e.data());
        return Json.mapper().convertValue(doc, ImportJob.class);
    }
}
