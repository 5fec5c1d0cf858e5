package dev.aiapiwatch.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiapiwatch.io.Json;
import java.time.Instant;

/**
 * Builders for raw Falcon telemetry lines, with the field names and string-typed values of the
 * Falcon Data Replicator. Tests name their instants ({@link #T0}, {@link #T0_PLUS_30S}) and build
 * only the fields that matter to them.
 */
public final class TestEvents {

    /** 2026-11-02T10:00:00Z, the start of a one-hour window. */
    public static final long T0 = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();

    public static final long T0_PLUS_1S = T0 + 1_000;
    public static final long T0_PLUS_30S = T0 + 30_000;
    public static final long T0_PLUS_1M = T0 + 60_000;
    public static final long T0_PLUS_10M = T0 + 600_000;
    public static final long T0_PLUS_1H = T0 + 3_600_000;
    public static final long T0_PLUS_2H = T0 + 7_200_000;
    public static final long T0_PLUS_4H = T0 + 14_400_000;

    public static final String HOST_A = "aaaa1111aaaa1111aaaa1111aaaa1111";
    public static final String HOST_B = "bbbb2222bbbb2222bbbb2222bbbb2222";
    public static final String USER_SID = "S-1-5-21-1111111111-2222222222-3333333333-1001";
    public static final String OTHER_USER_SID = "S-1-5-21-1111111111-2222222222-3333333333-1002";

    public static final String POWERSHELL =
            "\\Device\\HarddiskVolume3\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    public static final String PYTHON =
            "\\Device\\HarddiskVolume3\\Users\\alex\\AppData\\Local\\Programs\\Python\\Python312\\python.exe";
    public static final String CURL_WINDOWS =
            "\\Device\\HarddiskVolume3\\Windows\\System32\\curl.exe";
    public static final String CHROME =
            "\\Device\\HarddiskVolume3\\Program Files\\Google\\Chrome\\Application\\chrome.exe";
    public static final String MSHTA = "\\Device\\HarddiskVolume3\\Windows\\System32\\mshta.exe";

    private TestEvents() {}

    /** Returns a ProcessRollup2 event of a Windows process started by explorer.exe. */
    public static EventBuilder process(String aid, String processId, String image) {
        return new EventBuilder("ProcessRollup2")
                .set("name", "ProcessRollup2V19")
                .set("event_platform", "Win")
                .set("aid", aid)
                .set("TargetProcessId", processId)
                .set("ParentProcessId", "1")
                .set("RawProcessId", "4100")
                .set("ImageFileName", image)
                .set("CommandLine", baseName(image))
                .set("ParentBaseFileName", "explorer.exe")
                .set("UserSid", USER_SID);
    }

    /** Returns a DnsRequest event with one resolved address. */
    public static EventBuilder dns(String aid, String processId, String domain) {
        return new EventBuilder("DnsRequest")
                .set("name", "DnsRequestV4")
                .set("event_platform", "Win")
                .set("aid", aid)
                .set("ContextProcessId", processId)
                .set("DomainName", domain)
                .set("RequestType", "1")
                .set("IP4Records", "104.18.0.1;");
    }

    /** Returns a NetworkConnectIP4 event of an outbound TCP connection to port 443. */
    public static EventBuilder connect(String aid, String processId, String remoteAddress) {
        return new EventBuilder("NetworkConnectIP4")
                .set("name", "NetworkConnectIP4V5")
                .set("event_platform", "Win")
                .set("aid", aid)
                .set("ContextProcessId", processId)
                .set("LocalAddressIP4", "10.20.30.40")
                .set("LocalPort", "50123")
                .set("RemoteAddressIP4", remoteAddress)
                .set("RemotePort", "443")
                .set("Protocol", "6")
                .set("ConnectionDirection", "0");
    }

    /** Returns a line of the aidmaster table for a Windows sensor, with the fields FDR writes. */
    public static EventBuilder aidmaster(String aid, String computerName) {
        return new EventBuilder(null)
                .set("aid", aid)
                .set("ComputerName", computerName)
                .set("event_platform", "Win")
                .set("AgentVersion", "7.16.18605.0")
                .set("Version", "Windows 11")
                .set("ProductType", "1")
                .set("MachineDomain", "corp.example.com")
                .set("OU", "Workstations")
                .set("SiteName", "HQ")
                .set("FirstSeen", "1761897600.000")
                .set("Time", "1762077600.000");
    }

    /** Returns a line of the userinfo table, with the fields FDR writes. */
    public static EventBuilder userinfo(String userSid, String userName) {
        return new EventBuilder(null)
                .set("UserSid", userSid)
                .set("UserName", userName)
                .set("AccountType", "Domain User")
                .set("LocalAdminAccess", "No")
                .set("LastLoggedOnHost", "WIN-DEV-01");
    }

    /** Returns an event of a type the detection ignores. */
    public static EventBuilder other(String type, String aid) {
        return new EventBuilder(type).set("aid", aid);
    }

    private static String baseName(String image) {
        return image.substring(Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/')) + 1);
    }

    /** One event as a JSON object; {@link #line()} writes it. */
    public static final class EventBuilder {

        private final ObjectNode event = Json.mapper().createObjectNode();

        /** Starts an event of {@code type}, or a table line when {@code type} is null. */
        EventBuilder(String type) {
            if (type != null) {
                event.put("event_simpleName", type);
            }
            event.put("cid", "91ec1f9324753048c0096d036a694f86");
        }

        /** Sets a field to a string, as the Falcon feed writes numbers too. */
        public EventBuilder set(String field, String value) {
            event.put(field, value);
            return this;
        }

        public EventBuilder remove(String field) {
            event.remove(field);
            return this;
        }

        /** Sets {@code timestamp} to epoch milliseconds. */
        public EventBuilder at(long epochMillis) {
            return set("timestamp", Long.toString(epochMillis));
        }

        public EventBuilder commandLine(String commandLine) {
            return set("CommandLine", commandLine);
        }

        public EventBuilder parent(String parentName) {
            return set("ParentBaseFileName", parentName);
        }

        public String line() {
            return event.toString();
        }
    }
}
