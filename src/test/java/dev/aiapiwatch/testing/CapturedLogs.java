package dev.aiapiwatch.testing;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Copies the log lines, with their stack traces, that reach the root logger's appenders while it is
 * open: the job's lines from INFO and every other logger's from WARN, as log4j2-test.properties
 * sets the levels.
 */
public final class CapturedLogs implements AutoCloseable {

    private static final String APPENDER_NAME = "captured-logs";

    private final StringWriter text = new StringWriter();
    private final LoggerContext context;
    private final WriterAppender appender;

    private CapturedLogs() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        appender =
                WriterAppender.newBuilder()
                        .setName(APPENDER_NAME)
                        .setTarget(text)
                        .setLayout(
                                PatternLayout.newBuilder()
                                        .withPattern("%p %c - %m%n%throwable")
                                        .withConfiguration(configuration)
                                        .build())
                        .build();
        appender.start();
        configuration.getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    /** Starts copying log lines. */
    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Returns the lines copied so far. */
    public String text() {
        return text.toString();
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(APPENDER_NAME);
        context.updateLoggers();
        appender.stop();
    }
}
