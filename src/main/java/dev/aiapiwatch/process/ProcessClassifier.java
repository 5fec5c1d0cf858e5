package dev.aiapiwatch.process;

import dev.aiapiwatch.event.ProcessStart;
import dev.aiapiwatch.metrics.JobCounter;
import dev.aiapiwatch.metrics.RunCounters;
import dev.aiapiwatch.secrets.SecretRedactor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Classifies process starts and redacts the command lines of watched tools. Starts of other
 * processes go on in the compact form of {@link WatchedProcess#unwatched}: the join needs to know
 * that a process exists, so that a browser's lookup is not reported as unattributed, but nothing
 * else about it.
 */
public class ProcessClassifier extends RichFlatMapFunction<ProcessStart, WatchedProcess> {

    private static final long serialVersionUID = 1L;

    private final ProcessRules rules;

    private transient JobCounter watchedProcessStarts;

    public ProcessClassifier(ProcessRules rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        watchedProcessStarts =
                JobCounter.register(getRuntimeContext(), RunCounters.WATCHED_PROCESS_STARTS);
    }

    @Override
    public void flatMap(ProcessStart start, Collector<WatchedProcess> out) {
        String name = ImageNames.baseName(start.imageFileName, start.fileName);
        ProcessCategory category = rules.classify(name);
        if (category == null) {
            out.collect(
                    WatchedProcess.unwatched(start.aid, start.targetProcessId, start.timestamp));
            return;
        }
        watchedProcessStarts.inc();
        WatchedProcess process = new WatchedProcess();
        process.aid = start.aid;
        process.processId = start.targetProcessId;
        process.parentProcessId = start.parentProcessId;
        process.processName = name;
        process.executable = start.imageFileName;
        process.parentName = start.parentBaseFileName;
        process.commandLine = SecretRedactor.redact(start.commandLine);
        process.commandLineHadSecret =
                start.commandLine != null && !start.commandLine.equals(process.commandLine);
        process.userName = start.userName;
        process.userSid = start.userSid;
        process.hostName = start.computerName;
        process.platform = start.platform;
        process.category = category;
        process.timestamp = start.timestamp;
        out.collect(process);
    }
}
