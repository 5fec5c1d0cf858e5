package dev.aiapiwatch.process;

/** A process start of a watched tool, classified and with its command line redacted. */
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
    public ProcessCategory category;

    /** Process event time in epoch milliseconds. */
    public long timestamp;

    public WatchedProcess() {}

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
