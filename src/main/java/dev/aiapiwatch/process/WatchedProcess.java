package dev.aiapiwatch.process;

/**
 * A classified process start, with its command line redacted. A process of a watched tool has a
 * {@link #category}; any other process start is passed on with only its aid, process id and time
 * and no category, so that the join can tell that the process exists and is not watched.
 */
public class WatchedProcess {
    public String aid;
    public String processId;
    public String parentProcessId;

    /** Base name of the image as reported, for example {@code Python.EXE}. */
    public String processName;

    /** Full image path as reported. */
    public String executable;

    public String parentName;

    /** Command line with secrets replaced by the redaction marker. */
    public String commandLine;

    /** Whether the original command line contained a secret that was redacted. */
    public boolean commandLineHadSecret;

    public String userName;
    public String userSid;
    public String hostName;
    public String platform;

    /** Category of a watched tool; null for a process that is not watched. */
    public ProcessCategory category;

    /** Process event time in epoch milliseconds. */
    public long timestamp;

    public WatchedProcess() {}

    /** Returns the compact form of a start event of a process that is not watched. */
    public static WatchedProcess unwatched(String aid, String processId, long timestamp) {
        WatchedProcess process = new WatchedProcess();
        process.aid = aid;
        process.processId = processId;
        process.timestamp = timestamp;
        return process;
    }

    /** Returns whether this is a process of a watched tool. */
    public boolean watched() {
        return category != null;
    }

    /** Returns a copy of this process with every field; a new field must be copied here too. */
    public WatchedProcess copy() {
        WatchedProcess copy = new WatchedProcess();
        copy.aid = aid;
        copy.processId = processId;
        copy.parentProcessId = parentProcessId;
        copy.processName = processName;
        copy.executable = executable;
        copy.parentName = parentName;
        copy.commandLine = commandLine;
        copy.commandLineHadSecret = commandLineHadSecret;
        copy.userName = userName;
        copy.userSid = userSid;
        copy.hostName = hostName;
        copy.platform = platform;
        copy.category = category;
        copy.timestamp = timestamp;
        return copy;
    }
}
