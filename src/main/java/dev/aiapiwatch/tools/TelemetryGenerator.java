package dev.aiapiwatch.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.aiapiwatch.io.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes synthetic Falcon Data Replicator telemetry for benchmarks and load tests: a fleet of hosts
 * whose events mix as in a real feed, with a seed, so that the same parameters always give the same
 * lines.
 *
 * <p>The mix: about 70% of the events are of types the detection ignores, 12% DNS lookups, 8%
 * process starts and 10% IPv4 connections. About one process start in five is a watched tool
 * (Python, PowerShell, cmd, curl, Node.js, a LOLBin), the others are browsers and system processes.
 * About 1% of the lookups ask for a watched AI API domain, mostly from watched tools, some from
 * browsers. A small share of lines (0.1% by default) is malformed. Timestamps advance evenly over
 * the time span and jitter by up to the disorder bound, so the stream is out of order within that
 * bound. Each line carries the extra fields of real events (hashes, build numbers), so that parsing
 * costs what it costs on a real feed.
 */
public final class TelemetryGenerator {

    /** 2026-11-30T00:00:00Z. */
    public static final long DEFAULT_START_MILLIS = 1_796_000_400_000L;

    private static final String[] IGNORED_TYPES = {
        "EndOfProcess",
        "ProcessRollup2Stats",
        "NetworkListenIP4",
        "SensorHeartbeat",
        "DirectoryCreate",
        "NewExecutableWritten",
        "PdfFileWritten",
        "OoxmlFileWritten",
        "UserLogon",
        "UserLogoff",
        "ModuleLoad",
        "ClassifiedModuleLoad",
        "RegGenericValueUpdate",
        "FileOpenInfo",
        "CriticalFileAccessed",
        "ScriptControlScanInfo",
        "NetworkConnectIP6"
    };

    private static final String[] WATCHED_IMAGES = {
        "\\Device\\HarddiskVolume3\\Users\\dev\\AppData\\Local\\Programs\\Python\\Python312\\python.exe",
        "\\Device\\HarddiskVolume3\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
        "\\Device\\HarddiskVolume3\\Windows\\System32\\cmd.exe",
        "\\Device\\HarddiskVolume3\\Windows\\System32\\curl.exe",
        "\\Device\\HarddiskVolume3\\Program Files\\nodejs\\node.exe",
        "\\Device\\HarddiskVolume3\\Windows\\System32\\mshta.exe",
        "/usr/bin/python3.11",
        "/usr/bin/curl"
    };

    private static final String[] OTHER_IMAGES = {
        "\\Device\\HarddiskVolume3\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
        "\\Device\\HarddiskVolume3\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
        "\\Device\\HarddiskVolume3\\Windows\\System32\\svchost.exe",
        "\\Device\\HarddiskVolume3\\Windows\\System32\\conhost.exe",
        "\\Device\\HarddiskVolume3\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
        "\\Device\\HarddiskVolume3\\Windows\\explorer.exe",
        "/usr/sbin/sshd",
        "/usr/bin/apt-get"
    };

    private static final String[] AI_DOMAINS = {
        "api.openai.com", "api.anthropic.com", "generativelanguage.googleapis.com",
        "api.mistral.ai", "api.groq.com", "contoso-eastus.openai.azure.com",
        "bedrock-runtime.us-east-1.amazonaws.com", "api.deepseek.com", "openrouter.ai"
    };

    private static final String[] OTHER_DOMAINS = {
        "www.google.com",
        "login.microsoftonline.com",
        "github.com",
        "pypi.org",
        "files.pythonhosted.org",
        "fe2cr.update.microsoft.com",
        "outlook.office365.com",
        "registry.npmjs.org",
        "deb.debian.org",
        "cdn.jsdelivr.net",
        "api.github.com",
        "s3.amazonaws.com",
        "teams.microsoft.com",
        "ocsp.digicert.com"
    };

    private final SplittableRandom random;
    private final int hosts;
    private final long startMillis;
    private final long spanMillis;
    private final long disorderMillis;
    private final double malformedShare;
    private final List<List<Process>> processesByHost = new ArrayList<>();
    private long nextProcessId = 100_000;

    /** A process the generator started, which later lookups and connections may come from. */
    private static final class Process {
        final String processId;
        final boolean watched;

        Process(String processId, boolean watched) {
            this.processId = processId;
            this.watched = watched;
        }
    }

    /**
     * @param seed seed of the random choices
     * @param hosts number of hosts (sensor ids)
     * @param startMillis time of the first event, epoch milliseconds
     * @param spanMillis time from the first to the last event
     * @param disorderMillis most that an event's time differs from its place in the stream
     * @param malformedShare share of malformed lines, from 0 to 1
     */
    public TelemetryGenerator(
            long seed,
            int hosts,
            long startMillis,
            long spanMillis,
            long disorderMillis,
            double malformedShare) {
        this.random = new SplittableRandom(seed);
        this.hosts = hosts;
        this.startMillis = startMillis;
        this.spanMillis = spanMillis;
        this.disorderMillis = disorderMillis;
        this.malformedShare = malformedShare;
        for (int i = 0; i < hosts; i++) {
            processesByHost.add(new ArrayList<>());
        }
    }

    /** Writes {@code events} lines to {@code out}. */
    public void write(long events, Writer out) throws IOException {
        for (long i = 0; i < events; i++) {
            long position = startMillis + (events <= 1 ? 0 : spanMillis * i / (events - 1));
            long time = position + random.nextLong(-disorderMillis, disorderMillis + 1);
            out.write(nextLine(Math.max(startMillis, time)));
            out.write('\n');
        }
    }

    /** Returns one line of an event at {@code time}, for a producer that sets its own pace. */
    public String line(long time) {
        return nextLine(time);
    }

    private String nextLine(long time) {
        int host = random.nextInt(hosts);
        if (random.nextDouble() < malformedShare) {
            return malformed(host, time);
        }
        double kind = random.nextDouble();
        if (kind < 0.08 || processesByHost.get(host).isEmpty()) {
            return processStart(host, time);
        }
        if (kind < 0.20) {
            return dnsRequest(host, time);
        }
        if (kind < 0.30) {
            return networkConnect(host, time);
        }
        return ignoredEvent(host, time);
    }

    private String processStart(int host, long time) {
        boolean watched = random.nextDouble() < 0.2;
        String image =
                watched
                        ? WATCHED_IMAGES[random.nextInt(WATCHED_IMAGES.length)]
                        : OTHER_IMAGES[random.nextInt(OTHER_IMAGES.length)];
        String processId = Long.toString(nextProcessId++);
        List<Process> processes = processesByHost.get(host);
        if (processes.size() >= 64) {
            processes.remove(random.nextInt(processes.size()));
        }
        processes.add(new Process(processId, watched));
        boolean linux = image.startsWith("/");
        String name =
                image.substring(Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/')) + 1);
        return line(
                json -> {
                    common(json, "ProcessRollup2", host, time, linux ? "Lin" : "Win");
                    json.writeStringField("TargetProcessId", processId);
                    json.writeStringField("ParentProcessId", Long.toString(nextProcessId - 7));
                    json.writeStringField("SourceProcessId", Long.toString(nextProcessId - 7));
                    json.writeStringField(
                            "RawProcessId", Integer.toString(random.nextInt(2, 65_000)));
                    json.writeStringField("ImageFileName", image);
                    json.writeStringField("CommandLine", commandLine(name));
                    json.writeStringField("ParentBaseFileName", linux ? "bash" : "explorer.exe");
                    if (linux) {
                        json.writeStringField("UserName", "user" + (host % 50));
                        json.writeStringField("ComputerName", "host-" + host);
                    } else {
                        json.writeStringField(
                                "UserSid",
                                "S-1-5-21-1111111111-2222222222-3333333333-" + (1000 + host % 50));
                    }
                    json.writeStringField(
                            "ProcessStartTime",
                            String.format(Locale.ROOT, "%.3f", (time - 500) / 1000.0));
                    json.writeStringField("ProcessEndTime", "");
                    json.writeStringField("MD5HashData", hex(32));
                    json.writeStringField("SHA256HashData", hex(64));
                    json.writeStringField("IntegrityLevel", "8192");
                    json.writeStringField("TokenType", "1");
                    json.writeStringField(
                            "Tags", "25, 27, 862, 874, 12094627905582, 12094627906234");
                });
    }

    private String dnsRequest(int host, long time) {
        List<Process> processes = processesByHost.get(host);
        Process process = processes.get(random.nextInt(processes.size()));
        boolean ai = random.nextDouble() < 0.01;
        String domain =
                ai
                        ? AI_DOMAINS[random.nextInt(AI_DOMAINS.length)]
                        : OTHER_DOMAINS[random.nextInt(OTHER_DOMAINS.length)];
        if (ai && !process.watched && random.nextDouble() < 0.6) {
            // Most AI lookups in a fleet come from tools; the rest are browsers.
            for (Process candidate : processes) {
                if (candidate.watched) {
                    process = candidate;
                    break;
                }
            }
        }
        String processId = process.processId;
        return line(
                json -> {
                    common(json, "DnsRequest", host, time, "Win");
                    json.writeStringField("ContextProcessId", processId);
                    json.writeStringField(
                            "ContextThreadId",
                            Long.toString(random.nextLong(1_000_000, 9_000_000)));
                    json.writeStringField("DomainName", domain);
                    json.writeStringField("RequestType", "1");
                    json.writeStringField("IP4Records", "104.18.32.47;172.66.0.243;");
                    json.writeStringField("FirstIP4Record", "104.18.32.47");
                    json.writeStringField(
                            "ContextTimeStamp",
                            String.format(Locale.ROOT, "%.3f", (time - 300) / 1000.0));
                    json.writeStringField("DnsRequestCount", "1");
                    json.writeStringField("DualRequest", "0");
                });
    }

    private String networkConnect(int host, long time) {
        List<Process> processes = processesByHost.get(host);
        String processId = processes.get(random.nextInt(processes.size())).processId;
        return line(
                json -> {
                    common(json, "NetworkConnectIP4", host, time, "Win");
                    json.writeStringField("ContextProcessId", processId);
                    json.writeStringField("LocalAddressIP4", "10.20." + (host % 250) + ".40");
                    json.writeStringField(
                            "LocalPort", Integer.toString(random.nextInt(49_152, 65_535)));
                    json.writeStringField(
                            "RemoteAddressIP4", "104.18.32." + random.nextInt(1, 250));
                    json.writeStringField("RemotePort", "443");
                    json.writeStringField("Protocol", "6");
                    json.writeStringField("ConnectionDirection", "0");
                    json.writeStringField("InContext", "0");
                });
    }

    private String ignoredEvent(int host, long time) {
        String type = IGNORED_TYPES[random.nextInt(IGNORED_TYPES.length)];
        return line(
                json -> {
                    common(json, type, host, time, "Win");
                    json.writeStringField(
                            "TargetProcessId",
                            Long.toString(nextProcessId - random.nextInt(1, 50)));
                    json.writeStringField(
                            "TargetFileName",
                            "\\Device\\HarddiskVolume3\\Users\\dev\\AppData\\Local\\Temp\\"
                                    + hex(12)
                                    + ".tmp");
                    json.writeStringField("SHA256HashData", hex(64));
                    json.writeStringField("Size", Integer.toString(random.nextInt(1, 5_000_000)));
                });
    }

    private String malformed(int host, long time) {
        String whole =
                processesByHost.get(host).isEmpty()
                        ? ignoredEvent(host, time)
                        : dnsRequest(host, time);
        // A line cut in the middle, as a truncated upload leaves it.
        return whole.substring(0, random.nextInt(1, whole.length() - 1));
    }

    private void common(JsonGenerator json, String type, int host, long time, String platform)
            throws IOException {
        json.writeStringField("ConfigBuild", "1007.3.0019011.15");
        json.writeStringField("ConfigStateHash", "1263130834");
        json.writeStringField("Entitlements", "15");
        json.writeStringField("EffectiveTransmissionClass", "3");
        json.writeStringField("event_platform", platform);
        json.writeStringField("event_simpleName", type);
        json.writeStringField("name", type + "V5");
        json.writeStringField("id", hex(32));
        json.writeStringField(
                "aid", String.format(Locale.ROOT, "%032x", 0x5eedL * 1_000_003L + host));
        json.writeStringField("aip", "81.2.69." + (host % 250));
        json.writeStringField("cid", "91ec1f9324753048c0096d036a694f86");
        json.writeStringField("timestamp", Long.toString(time));
    }

    private String commandLine(String image) {
        switch (random.nextInt(4)) {
            case 0:
                return image + " -m pip install --upgrade requests";
            case 1:
                return image + " C:\\Users\\dev\\scripts\\job" + random.nextInt(40) + ".ps1";
            case 2:
                return image + " --silent https://example.org/data/" + random.nextInt(1000);
            default:
                return image;
        }
    }

    private String hex(int digits) {
        StringBuilder text = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            text.append(Character.forDigit(random.nextInt(16), 16));
        }
        return text.toString();
    }

    private static String line(Json.JsonBody body) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator json = Json.factory().createGenerator(text)) {
            json.writeStartObject();
            body.writeTo(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
