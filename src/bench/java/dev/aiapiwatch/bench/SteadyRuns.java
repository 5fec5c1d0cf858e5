package dev.aiapiwatch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * Measures a Flink job's rate on one input as a job that has run for a while processes events. It
 * first runs the job {@value #WARM_UP_PASSES} times on a warm-up input, so that the measured runs
 * use compiled code. Then it runs the job three times on a small input, and the fastest run time is
 * taken as the cost of starting and stopping the job (scheduling the tasks, opening the operators,
 * draining at the end). Last, it runs the job three times on the measured input and keeps the
 * fastest run.
 *
 * <p>Two rates come out: over the whole measured run ({@code eventsPerSecond}), and over the run
 * without the start and stop cost ({@code steadyEventsPerSecond}), the rate a long-running job
 * keeps up with. The steady rate is left out when the measured run is shorter than {@value
 * #MIN_RUN_TO_START_STOP} times the start and stop cost. The rates of the warm-up runs are reported
 * too.
 */
final class SteadyRuns {

    /**
     * Number of runs on the warm-up input before measuring. On two cores the rate still rose after
     * five runs of a million events, because the JIT compiler keeps working for longer than that.
     */
    static final int WARM_UP_PASSES = 6;

    /**
     * Minimum ratio of the measured run time to the start and stop cost for a steady rate. Below
     * it, that cost is too large a share of the run for the difference to mean much.
     */
    private static final int MIN_RUN_TO_START_STOP = 4;

    private static final int SMALL_RUNS = 3;
    private static final int MEASURED_RUNS = 3;

    /** Runs the job on one input; {@code measured} is false for the warm-up and small runs. */
    interface Job {
        JobExecutionResult run(Path input, boolean measured) throws Exception;
    }

    /** Runs a job at a parallelism, writing its records to {@code outputs} when {@code toFile}. */
    interface Runner {
        JobExecutionResult run(Path input, int parallelism, boolean toFile, Path outputs)
                throws Exception;
    }

    /** A generated input file with its number of lines. */
    record Input(Path file, long events) {
        static Input of(String file, String events) {
            return new Input(Path.of(file), Long.parseLong(events));
        }
    }

    /** The measured run's result, for the caller's own figures, and the rates. */
    record Measured(JobExecutionResult result, Measurement measurement) {}

    private SteadyRuns() {}

    /**
     * Measures a job from the command line of {@link JobThroughput} and {@link SqlJob}: {@code FILE
     * EVENTS PARALLELISM discard|file OUTPUT_DIRECTORY WARM_UP_FILE WARM_UP_EVENTS SMALL_FILE
     * SMALL_EVENTS}. Only the measured runs write to files. The measurement names the kind, the
     * parallelism and the sink.
     */
    static Measured measure(String kind, String[] args, Runner runner) throws Exception {
        Input input = Input.of(args[0], args[1]);
        int parallelism = Integer.parseInt(args[2]);
        boolean toFile = args[3].equals("file");
        Path outputs = Path.of(args[4]);
        Measured measured =
                measure(
                        kind + "-p" + parallelism,
                        (file, measuredRun) ->
                                runner.run(file, parallelism, measuredRun && toFile, outputs),
                        input,
                        Input.of(args[5], args[6]),
                        Input.of(args[7], args[8]));
        measured.measurement()
                .put("measurement", kind)
                .put("parallelism", parallelism)
                .put("sink", toFile ? "file" : "discard");
        return measured;
    }

    static Measured measure(String name, Job job, Input input, Input warmUp, Input small)
            throws Exception {
        List<Long> warmUpRates = new ArrayList<>();
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            warmUpRates.add(Math.round(warmUp.events / seconds(job.run(warmUp.file, false))));
        }
        long fixedMillis = Long.MAX_VALUE;
        for (int run = 0; run < SMALL_RUNS; run++) {
            fixedMillis =
                    Math.min(
                            fixedMillis,
                            job.run(small.file, false).getNetRuntime(TimeUnit.MILLISECONDS));
        }
        // Best of a few measured runs, as for the floor: the others were slowed by something
        // other than the job (compilation, collection, the machine's other work).
        JobExecutionResult best = null;
        List<Long> rates = new ArrayList<>();
        try (Profiling profiling = Profiling.start(name)) {
            for (int run = 0; run < MEASURED_RUNS; run++) {
                JobExecutionResult result = job.run(input.file, true);
                rates.add(Math.round(input.events / seconds(result)));
                if (best == null
                        || result.getNetRuntime(TimeUnit.MILLISECONDS)
                                < best.getNetRuntime(TimeUnit.MILLISECONDS)) {
                    best = result;
                }
            }
        }
        long millis = best.getNetRuntime(TimeUnit.MILLISECONDS);
        Measurement measurement =
                new Measurement()
                        .put("events", input.events)
                        .put("seconds", millis / 1000.0)
                        .put("eventsPerSecond", input.events / (millis / 1000.0))
                        .put("startStopSeconds", fixedMillis / 1000.0);
        if (millis >= MIN_RUN_TO_START_STOP * fixedMillis) {
            measurement.put(
                    "steadyEventsPerSecond", input.events / ((millis - fixedMillis) / 1000.0));
        }
        measurement
                .put("measuredRunsEventsPerSecond", rates)
                .put("warmUpEventsPerSecond", warmUpRates);
        return new Measured(best, measurement);
    }

    private static double seconds(JobExecutionResult result) {
        return result.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
    }
}
