package dev.aiapiwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.watchlist.WatchlistFile;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectionSettingsTest {

    private static DetectionSettings settings(
            Duration maxOutOfOrderness, Duration allowedLateness) {
        return new DetectionSettings(
                Duration.ofHours(1),
                Duration.ofDays(1),
                maxOutOfOrderness,
                allowedLateness,
                WatchlistFile.builtIn(),
                ProcessRules.builtIn());
    }

    @Test
    void windowLatenessIsAllowedLateness() {
        assertThat(settings(Duration.ofMinutes(5), Duration.ofHours(1)).windowLateness())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void windowLatenessCoversOutOfOrderness() {
        assertThat(settings(Duration.ofMinutes(5), Duration.ZERO).windowLateness())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void allowedLatenessOptionParsed() throws InvalidOptionException {
        assertThat(JobOptions.parse(new String[0]).detectionSettings().allowedLateness())
                .isEqualTo(Duration.ofHours(1));
        assertThat(
                        JobOptions.parse(new String[] {"--allowed-lateness", "0s"})
                                .detectionSettings()
                                .windowLateness())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void windowLatenessCoversConfirmWithin() {
        DetectionSettings settings =
                new DetectionSettings(
                                Duration.ofHours(1),
                                Duration.ofDays(1),
                                Duration.ofMinutes(5),
                                Duration.ofMinutes(10),
                                WatchlistFile.builtIn(),
                                ProcessRules.builtIn())
                        .withConfirm(new ConfirmSettings(Duration.ofMinutes(30), Set.of()));

        assertThat(settings.windowLateness()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void defaultConfirmSettingsWithoutComponent() {
        assertThat(settings(Duration.ofMinutes(5), Duration.ofHours(1)).confirm())
                .isEqualTo(ConfirmSettings.defaults());
    }
}
