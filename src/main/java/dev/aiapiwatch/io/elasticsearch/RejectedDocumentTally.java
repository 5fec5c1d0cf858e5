package dev.aiapiwatch.io.elasticsearch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;

/**
 * Documents that Elasticsearch rejected, by job, as counted by the sink writers in this JVM. A sink
 * writer cannot add to the job's accumulators, so the run summary of a job in the embedded cluster
 * reads this tally. On a cluster the writers run in the task managers, and the metric {@code
 * documentsRejected} counts them.
 */
public final class RejectedDocumentTally {

    private static final Map<JobID, AtomicLong> BY_JOB = new ConcurrentHashMap<>();

    private RejectedDocumentTally() {}

    /** Starts the tally of {@code job} at zero, unless a writer of it started it already. */
    static void open(JobID job) {
        BY_JOB.putIfAbsent(job, new AtomicLong());
    }

    /** Counts a document of {@code job} that Elasticsearch rejected. */
    public static void add(JobID job) {
        BY_JOB.computeIfAbsent(job, key -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Returns the number of documents rejected in {@code job} and removes it, or -1 when no sink
     * writer of the job ran in this JVM.
     */
    public static long take(JobID job) {
        AtomicLong count = BY_JOB.remove(job);
        return count == null ? -1 : count.get();
    }
}
