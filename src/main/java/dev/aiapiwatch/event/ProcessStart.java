package dev.aiapiwatch.event;

/** A {@code ProcessRollup2} or {@code SyntheticProcessRollup2} event: a process started. */
public class ProcessStart {
    /** Falcon sensor id of the host. */
    public String aid;

    /** Falcon process id, unique per {@link #aid}; may exceed a signed 64-bit long. */
    public String targetProcessId;

    public String parentProcessId;

    /** Operating-system pid; reused by the operating system, so never a join key. */
    public String rawProcessId;

    /** Full image path: an NT device path, a Windows path or a Unix path. */
    public String imageFileName;

    /** Base name of the image, sent by few sensor versions. */
    public String fileName;

    /** The command line as the sensor reported it; it may contain secrets. */
    public String commandLine;

    public String parentBaseFileName;

    /** User name, sent by Linux and macOS sensors. */
    public String userName;

    /** Windows security identifier of the user. */
    public String userSid;

    /** Host name, sent by newer sensor versions only. */
    public String computerName;

    /** {@code Win}, {@code Lin} or {@code Mac}. */
    public String platform;

    /** Falcon event id ({@code id}). */
    public String eventId;

    /** Event time in epoch milliseconds. */
    public long timestamp;

    public ProcessStart() {}
}
