package dev.aiapiwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class AiApiWatchJobTest {

    @Test
    void causeInEarlierMessageLeftOut() {
        ConnectException refused = new ConnectException("Connection refused");
        IOException failed =
                new IOException(
                        "a bulk request failed 3 times in a row; last error: " + refused, refused);

        assertThat(AiApiWatchJob.causes(new ExecutionException(failed)))
                .isEqualTo(
                        "a bulk request failed 3 times in a row; last error:"
                                + " java.net.ConnectException: Connection refused");
    }

    @Test
    void newCausesJoined() {
        IOException failed =
                new IOException("writing failed", new IllegalStateException("disk full"));

        assertThat(AiApiWatchJob.causes(failed)).isEqualTo("writing failed; caused by: disk full");
    }
}
