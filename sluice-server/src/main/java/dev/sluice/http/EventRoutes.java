package dev.sluice.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.client.ImportJob;
import dev.sluice.error.SluiceException;
import dev.sluice.store.JobFeed;
import dev.sluice.store.JobStore;
import dev.sluice.store.LogPosition;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.io.EofException;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Handlers of the event streams ({@code text/event-stream}, docs/http-api.md#events): a job's
 * events and every job's state. A stream holds its request thread while open, so at most
 * {@link EventSettings#maxStreams} are open at once ({@code 503 too_many_streams} beyond);
 * {@link #close} ends them all when the server stops. Thread-safe.
 */
final class EventRoutes implements AutoCloseable {
    private final JobStore jobs;
    private final JobAnswers answers;
    private final JobFeed feed;
    private final EventSettings settings;
    private final ObjectMapper json;
    private final Semaphore slots;
    private volatile boolean stopping;

    EventRoutes(JobStore jobs, JobAnswers answers, JobFeed feed, EventSettings settings, ObjectMapper json) {
        this.jobs = jobs;
        this.answers = answers;
        this.feed = feed;
        this.settings = settings;
        this.json = json;
        this.slots = new Semaphore(settings.maxStreams());
    }

    /** {@code GET /v1/imports/{id}/events}. */
    void job(Context ctx) throws IOException, InterruptedException {
        Params.allowOnly(ctx, Set.of());
        String id = ctx.pathParam("id");
        jobs.require(id);
        JobEventId from = JobEventId.parse(ctx.header("Last-Event-ID"));
        stream(ctx, out -> new JobEventStream(id, documents(), feed, settings, () -> stopping, out, from).run());
    }

    /** {@code GET /v1/events}: the state of every job in the caller's collections, or in {@code collection}. */
    void all(Context ctx) throws IOException, InterruptedException {
        Params.allowOnly(ctx, Set.of("collection"));
        Caller caller = Caller.of(ctx);
        String collection = Params.string(ctx, "collection");
        if (collection != null) {
            Gate.requireVisible(caller, collection);
        }
        Predicate<String> visible = c -> caller.sees(c) && (collection == null || collection.equals(c));
        LogPosition last = LogPosition.parse(ctx.header("Last-Event-ID"));
        LogPosition from = last != null ? last : feed.latest();
        stream(ctx, out -> new AllJobsStream(documents(), feed, settings, () -> stopping, out, visible, from).run());
    }

    private Function<String, Optional<ImportJob>> documents() {
        return id -> jobs.find(id).map(j -> answers.document(j, false));
    }

    /** What a stream does with its open answer. */
    private interface Body {
        void send(SseOut out) throws IOException, InterruptedException;
    }

    private void stream(Context ctx, Body body) throws IOException, InterruptedException {
        if (stopping || !slots.tryAcquire()) {
            throw new SluiceException.Unavailable("too_many_streams", "this server already has "
                    + settings.maxStreams() + " event streams open (--max-event-streams); try again later or poll"
                    + " GET /v1/imports/{id}", Map.of("limit", settings.maxStreams()), null);
        }
        try {
            HttpServletResponse res = ctx.res();
            res.setStatus(200);
            res.setContentType("text/event-stream; charset=utf-8");
            res.setHeader("Cache-Control", "no-cache");
            res.setHeader("X-Accel-Buffering", "no"); // nginx: pass each event on at once
            SseOut out = new SseOut(res.getOutputStream(), json);
            out.heartbeat(); // sends the headers now, before the first change
            body.send(out);
        } catch (EofException e) {
            // the client went away: the stream simply ends
        } catch (IOException e) {
            ctx.res().setHeader("Connection", "close"); // a broken pipe, for all the same
        } finally {
            slots.release();
        }
    }

    /** How many streams are open now. */
    int open() {
        return settings.maxStreams() - slots.availablePermits();
    }

    /** Ends every open stream (at its next wake) and refuses new ones: the server is stopping. */
    @Override
    public void close() {
        stopping = true;
        feed.signals().pulse();
    }
}
