package dev.aiapiwatch.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiapiwatch.event.EventKind;
import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import dev.aiapiwatch.process.ImageNames;
import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.watchlist.WatchlistFile;
import dev.aiapiwatch.watchlist.WatchlistMatcher;
import java.io.IOException;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TelemetryGeneratorTest {

    private static final int EVENTS = 100_000;
    private static final long SPAN = 86_400_000L;
    private static final long DISORDER = 30_000L;

    private static List<String> lines;

    @BeforeAll
    static void generate() throws IOException {
        lines = generate(1, EVENTS, 0.001);
    }

    private static List<String> generate(long seed, int events, double malformed)
            throws IOException {
        StringWriter out = new StringWriter();
        new TelemetryGenerator(
                        seed,
                        50,
                        TelemetryGenerator.DEFAULT_START_MILLIS,
                        SPAN,
                        DISORDER,
                        malformed)
                .write(events, out);
        return out.toString().lines().toList();
    }

    @Test
    void seedDeterminesLines() throws IOException {
        List<String> again = generate(1, EVENTS, 0.001);
        List<String> otherSeed = generate(2, EVENTS, 0.001);

        assertThat(again).isEqualTo(lines);
        assertThat(otherSeed).hasSize(EVENTS);
        assertThat(otherSeed.get(0)).isNotEqualTo(lines.get(0));
    }

    @Test
    void eventTypesMixLikeRealFeed() {
        Map<EventKind, Integer> kinds = new EnumMap<>(EventKind.class);
        FalconEventParser parser = new FalconEventParser(1 << 20);
        for (int i = 0; i < lines.size(); i++) {
            kinds.merge(parser.parse(lines.get(i), "generated", i + 1).kind, 1, Integer::sum);
        }
        assertThat(lines).hasSize(EVENTS);
        assertThat(share(kinds.get(EventKind.IGNORED))).isBetween(0.67, 0.73);
        assertThat(share(kinds.get(EventKind.DNS_REQUEST))).isBetween(0.10, 0.14);
        assertThat(share(kinds.get(EventKind.PROCESS_START))).isBetween(0.07, 0.09);
        assertThat(share(kinds.get(EventKind.NETWORK_CONNECT))).isBetween(0.09, 0.11);
        assertThat(share(kinds.get(EventKind.INVALID))).isBetween(0.0005, 0.0015);
    }

    @Test
    void onePercentOfLookupsWatched() {
        WatchlistMatcher matcher = new WatchlistMatcher(WatchlistFile.builtIn());
        FalconEventParser parser = new FalconEventParser(1 << 20);
        int lookups = 0;
        int watched = 0;
        for (int i = 0; i < lines.size(); i++) {
            FalconEvent event = parser.parse(lines.get(i), "generated", i + 1);
            if (event.kind == EventKind.DNS_REQUEST) {
                lookups++;
                if (matcher.match(event.dnsLookup.domainName) != null) {
                    watched++;
                }
            }
        }
        assertThat(watched / (double) lookups).isBetween(0.007, 0.013);
    }

    @Test
    void oneProcessStartInFiveWatched() {
        ProcessRules rules = ProcessRules.builtIn();
        FalconEventParser parser = new FalconEventParser(1 << 20);
        int starts = 0;
        int watched = 0;
        for (int i = 0; i < lines.size(); i++) {
            FalconEvent event = parser.parse(lines.get(i), "generated", i + 1);
            if (event.kind == EventKind.PROCESS_START) {
                starts++;
                String name =
                        ImageNames.baseName(
                                event.processStart.imageFileName, event.processStart.fileName);
                if (rules.classify(name) != null) {
                    watched++;
                }
            }
        }
        assertThat(watched / (double) starts).isBetween(0.17, 0.23);
    }

    @Test
    void timestampsStayWithinDisorder() {
        FalconEventParser parser = new FalconEventParser(1 << 20);
        long start = TelemetryGenerator.DEFAULT_START_MILLIS;
        boolean outOfOrder = false;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            FalconEvent event = parser.parse(lines.get(i), "generated", i + 1);
            if (event.kind == EventKind.INVALID || event.timestamp == FalconEvent.NO_TIMESTAMP) {
                continue;
            }
            long position = start + SPAN * i / (EVENTS - 1);
            assertThat(event.timestamp).isBetween(position - DISORDER, position + DISORDER);
            outOfOrder |= event.timestamp < previous;
            previous = event.timestamp;
        }
        assertThat(outOfOrder).as("some events arrive out of order").isTrue();
    }

    @Test
    void zeroShareGivesNoMalformedLines() throws IOException {
        FalconEventParser parser = new FalconEventParser(1 << 20);
        List<String> clean = generate(3, 20_000, 0);
        for (int i = 0; i < clean.size(); i++) {
            assertThat(parser.parse(clean.get(i), "generated", i + 1).kind)
                    .isNotEqualTo(EventKind.INVALID);
        }
    }

    private static double share(Integer count) {
        return count == null ? 0 : count / (double) EVENTS;
    }
}
