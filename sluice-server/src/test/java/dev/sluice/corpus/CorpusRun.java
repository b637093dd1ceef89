package dev.sluice.corpus;

import dev.sluice.corpus.Verdict.Failure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Runs a corpus against one server process: light cases a few at a time, heavy ones alone, each
 * into a collection of its own. A case that leaves the server silent (no answer in time, or
 * {@code /health} down) is a failure, and the server is then replaced by a fresh one (waiting for
 * the cases in flight) so that one stalled worker does not fail every later case. Thread-safe.
 */
final class CorpusRun {
    private final Path dir;
    private final String heap;
    private final List<String> options;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicInteger next = new AtomicInteger();
    private final List<Verdict> verdicts = Collections.synchronizedList(new ArrayList<>());
    private CorpusServer server;
    private String jobId;
    private int generation;
    private long peakRssKb = -1;
    private long cpuMillis;
    private int restarts;

    CorpusRun(Path dir, String heap, List<String> options) {
        this.dir = dir;
        this.heap = heap;
        this.options = options;
    }

    /** Runs every case; answers the verdicts in the corpus's order. */
    List<Verdict> run(List<HostileCase> corpus, int parallel) throws Exception {
        start();
        try {
            List<HostileCase> light = corpus.stream().filter(c -> !c.heavy()).toList();
            ConcurrentLinkedQueue<HostileCase> queue = new ConcurrentLinkedQueue<>(light);
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            for (int i = 0; i < parallel; i++) {
                pool.execute(() -> {
                    for (HostileCase c = queue.poll(); c != null; c = queue.poll()) {
                        runOne(c);
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(20, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the corpus did not finish within 20 minutes");
            }
            corpus.stream().filter(HostileCase::heavy).forEach(this::runOne);
        } finally {
            stop();
        }
        List<Verdict> ordered = new ArrayList<>(verdicts);
        ordered.sort((a, b) -> Integer.compare(corpus.indexOf(a.hostile), corpus.indexOf(b.hostile)));
        return ordered;
    }

    /** The largest peak RSS of the server processes, in kB (-1 when unknown). */
    long peakRssKb() {
        return peakRssKb;
    }

    /** The CPU time all server processes used, in ms. */
    long serverCpuMillis() {
        return cpuMillis;
    }

    int restarts() {
        return restarts;
    }

    private void runOne(HostileCase c) {
        String collection = String.format("c%04d", next.incrementAndGet());
        Verdict v;
        int seen;
        lock.readLock().lock();
        try {
            seen = generation;
            v = new CaseJudge(server, jobId).judge(c, collection);
            peakRssKb = Math.max(peakRssKb, server.peakRssKb());
        } catch (RuntimeException e) {
            v = new Verdict(c);
            v.fail(Failure.ANSWER, "the case could not be judged: " + e);
            seen = -1;
        } finally {
            lock.readLock().unlock();
        }
        verdicts.add(v);
        if (v.failures().contains(Failure.SLOW) || v.failures().contains(Failure.DOWN)) {
            replace(seen, v);
        }
    }

    private void replace(int seen, Verdict cause) {
        lock.writeLock().lock();
        try {
            if (seen != generation) {
                return;
            }
            System.out.println("replacing the server after " + cause + "\n" + server.logTail());
            stop();
            start();
            restarts++;
        } catch (Exception e) {
            throw new IllegalStateException("the server could not be replaced", e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void start() throws Exception {
        server = CorpusServer.start(dir, heap, options);
        generation++;
        String setup = "setup" + generation;
        server.send("POST", "/v1/collections", List.of("Content-Type", "application/json"),
                new HostileCase.CollectionDef(List.of("id:string", "name:string")).json(setup)
                        .getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
        CorpusServer.Answer job = server.send("POST", "/v1/collections/" + setup + "/import?wait=true",
                List.of("Content-Type", "text/csv"), "id,name\na,x\n".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(30));
        jobId = Faithful.parse(job.text()).get("id").asText();
    }

    private void stop() throws InterruptedException {
        peakRssKb = Math.max(peakRssKb, server.peakRssKb());
        cpuMillis += Math.max(0, server.cpuMillis());
        server.close();
    }
}
