package dev.aiapiwatch.io;

import dev.aiapiwatch.event.DeadLetter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;

/**
 * Where a sink sends the records it rejects for good, since a Flink sink has no output of its own:
 * the dead-letter topic in Kafka mode, the dead-letter file in file mode.
 */
public interface DeadLetterPublisher extends Serializable {

    /** Opens a connection; called by each sink writer. */
    Connection open() throws IOException;

    /** An open connection to the dead letters. */
    interface Connection extends Closeable {

        void publish(DeadLetter deadLetter) throws IOException;

        /** Makes everything published so far durable; called at each checkpoint. */
        void flush() throws IOException;
    }
}
