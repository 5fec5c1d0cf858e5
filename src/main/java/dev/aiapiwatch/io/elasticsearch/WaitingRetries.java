package dev.aiapiwatch.io.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retries of bulk requests that failed as a whole, each waiting out its back-off. While one
 * waits longer than {@link #PROBE_INTERVAL_MILLIS}, {@code HEAD /} goes to the cluster at that
 * interval, and once a node responds, every waiting retry runs at once instead of up to a whole
 * back-off after the cluster is back.
 */
final class WaitingRetries {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingRetries.class);

    static final long PROBE_INTERVAL_MILLIS = 2_000;

    private final ScheduledExecutorService timer;
    private final RestClient client;
    private final String nodes;
    private final Set<Retry> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean probeInFlight = new AtomicBoolean();
    private ScheduledFuture<?> probes;
    private volatile boolean closed;

    WaitingRetries(ScheduledExecutorService timer, RestClient client, String nodes) {
        this.timer = timer;
        this.client = client;
        this.nodes = nodes;
    }

    /** Runs {@code retry} after {@code backoffMillis}, or earlier when the cluster responds. */
    void schedule(Runnable retry, long backoffMillis) {
        Retry waitingRetry = new Retry(retry);
        waiting.add(waitingRetry);
        timer.schedule(waitingRetry, backoffMillis, TimeUnit.MILLISECONDS);
        if (backoffMillis > PROBE_INTERVAL_MILLIS) {
            startProbes();
        }
    }

    /** Runs the waiting retries now, as {@code evidence} shows that the cluster is back. */
    void wake(String evidence) {
        if (waiting.isEmpty() || closed) {
            return;
        }
        List<Retry> woken = new ArrayList<>(waiting);
        LOG.info(
                "Elasticsearch at {} is reachable again ({}); sending {} waiting bulk {} now"
                        + " instead of after the back-off",
                nodes,
                evidence,
                woken.size(),
                woken.size() == 1 ? "request" : "requests");
        for (Retry retry : woken) {
            retry.run();
        }
    }

    /** Stops waking retries; the timer's owner shuts the timer down. */
    void close() {
        closed = true;
    }

    private synchronized void startProbes() {
        if (probes == null || probes.isDone()) {
            probes =
                    timer.scheduleWithFixedDelay(
                            this::probe,
                            PROBE_INTERVAL_MILLIS,
                            PROBE_INTERVAL_MILLIS,
                            TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Sends {@code HEAD /} and wakes the waiting retries when a node responds. A response below 500
     * counts, 401 and 403 too, because the job's role need not grant the request: the node is up
     * and a bulk request reaches it. Stops the probes once no retry waits.
     */
    private synchronized void probe() {
        if (waiting.isEmpty() || closed) {
            probes.cancel(false);
            return;
        }
        if (!probeInFlight.compareAndSet(false, true)) {
            return;
        }
        client.performRequestAsync(
                new Request("HEAD", "/"),
                new ResponseListener() {
                    @Override
                    public void onSuccess(Response response) {
                        probeInFlight.set(false);
                        wake("a node responded to HEAD /");
                    }

                    @Override
                    public void onFailure(Exception e) {
                        probeInFlight.set(false);
                        if (e instanceof ResponseException rejected
                                && rejected.getResponse().getStatusLine().getStatusCode() < 500) {
                            wake("a node responded to HEAD /");
                        }
                    }
                });
    }

    /** A retry, run by its timer or woken early, whichever is first. */
    private final class Retry implements Runnable {

        private final Runnable retry;
        private final AtomicBoolean started = new AtomicBoolean();

        Retry(Runnable retry) {
            this.retry = retry;
        }

        @Override
        public void run() {
            if (started.compareAndSet(false, true)) {
                waiting.remove(this);
                retry.run();
            }
        }
    }
}
