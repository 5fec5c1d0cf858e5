package dev.aiapiwatch.bench;

import dev.aiapiwatch.event.FalconEvent;
import dev.aiapiwatch.event.FalconEventParser;
import dev.aiapiwatch.process.ImageNames;
import dev.aiapiwatch.process.ProcessCategory;
import dev.aiapiwatch.process.ProcessRules;
import dev.aiapiwatch.secrets.SecretRedactor;
import dev.aiapiwatch.tools.TelemetryGenerator;
import dev.aiapiwatch.watchlist.DomainNames;
import dev.aiapiwatch.watchlist.WatchlistEntry;
import dev.aiapiwatch.watchlist.WatchlistFile;
import dev.aiapiwatch.watchlist.WatchlistMatcher;
import java.io.IOException;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Micro-benchmarks of the functions every event or every watched process passes through. Each
 * operation handles one input, taken in turn from a fixed set, so the figures are per line, per
 * name or per command line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmarks {

    private static final int INPUTS = 4096;

    private final FalconEventParser parser = new FalconEventParser(1 << 20);
    private final WatchlistMatcher matcher = new WatchlistMatcher(WatchlistFile.builtIn());
    private final ProcessRules rules = ProcessRules.builtIn();

    private String[] lines;
    private String[] domains;
    private String[] images;
    private String[] commandLines;
    private int next;

    @Setup
    public void generateInputs() throws IOException {
        StringWriter telemetry = new StringWriter();
        new TelemetryGenerator(
                        7, 50, TelemetryGenerator.DEFAULT_START_MILLIS, 3_600_000, 30_000, 0.001)
                .write(INPUTS, telemetry);
        lines = telemetry.toString().split("\n");
        domains = new String[INPUTS];
        images = new String[INPUTS];
        commandLines = new String[INPUTS];
        String[] someDomains = {
            "api.openai.com",
            "www.google.com",
            "contoso.openai.azure.com",
            "pypi.org",
            "bedrock-runtime.eu-west-1.amazonaws.com",
            "login.microsoftonline.com.",
            "API.Groq.com"
        };
        String[] someImages = {
            "\\Device\\HarddiskVolume3\\Windows\\System32\\svchost.exe",
            "\\Device\\HarddiskVolume3\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
            "/usr/bin/python3.11",
            "\\Device\\HarddiskVolume3\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
            "\\Device\\HarddiskVolume3\\Windows\\System32\\mshta.exe"
        };
        String[] someCommandLines = {
            "python.exe -m pip install --upgrade requests",
            "powershell.exe -NoProfile -File C:\\Users\\dev\\scripts\\report.ps1",
            "curl -s https://api.openai.com/v1/models -H \"Authorization: Bearer sk-proj-abcdefghijklmnopqrstuvwxyz0123\"",
            "cmd.exe /c set OPENAI_API_KEY=$SAVED_KEY && python ask.py",
            "node summarize.mjs --model gpt-4o-mini --input notes.txt --output summary.md"
        };
        for (int i = 0; i < INPUTS; i++) {
            domains[i] = someDomains[i % someDomains.length];
            images[i] = someImages[i % someImages.length];
            commandLines[i] = someCommandLines[i % someCommandLines.length];
        }
    }

    private int nextIndex() {
        next = (next + 1) & (INPUTS - 1);
        return next;
    }

    /** Parses one telemetry line of the generated mix, most of them of ignored types. */
    @Benchmark
    public FalconEvent parseLine() {
        int i = nextIndex();
        return parser.parse(lines[i % lines.length], "bench", i);
    }

    /** Matches one DNS name, normalised and looked up in the built-in watch list. */
    @Benchmark
    public WatchlistEntry matchDomain() {
        return matcher.match(DomainNames.normalize(domains[nextIndex()]));
    }

    /** Classifies one image path, reduced to its base name. */
    @Benchmark
    public ProcessCategory classifyImage() {
        return rules.classify(ImageNames.baseName(images[nextIndex()], null));
    }

    /** Redacts one command line of a watched process. */
    @Benchmark
    public String redactCommandLine() {
        return SecretRedactor.redact(commandLines[nextIndex()]);
    }
}
