package dev.aiapiwatch.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects the log events of every logger at INFO and above while open, messages and stack traces,
 * so that a test can check what a run logs. INFO is the level the job runs at outside tests. The
 * tests' own configuration logs other libraries from WARN only, so the root level is INFO while
 * open.
 */
public final class CapturedLog implements AutoCloseable {

    private final StringBuffer text = new StringBuffer();
    private final LoggerContext context;
    private final AbstractAppender appender;
    private final Level rootLevel;

    private CapturedLog() {
        context = (LoggerContext) LogManager.getContext(false);
        appender =
                new AbstractAppender("captured-log", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        record(event);
                    }
                };
        appender.start();
        LoggerConfig root = context.getConfiguration().getRootLogger();
        rootLevel = root.getLevel();
        root.addAppender(appender, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
    }

    /** Starts collecting. */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    private void record(LogEvent event) {
        text.append(event.getLevel())
                .append(' ')
                .append(event.getLoggerName())
                .append(" - ")
                .append(event.getMessage().getFormattedMessage())
                .append('\n');
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            text.append(trace);
        }
    }

    /** Returns what was logged so far, one event a line, followed by its stack trace if any. */
    public String text() {
        return text.toString();
    }

    /** Stops collecting and restores the root level. */
    @Override
    public void close() {
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(appender.getName());
        root.setLevel(rootLevel);
        context.updateLoggers();
        appender.stop();
    }
}
