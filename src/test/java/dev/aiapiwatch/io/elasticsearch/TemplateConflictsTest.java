package dev.aiapiwatch.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiapiwatch.io.Json;
import org.junit.jupiter.api.Test;

class TemplateConflictsTest {

    @Test
    void ownTemplateOfHighestPriorityApplies() throws Exception {
        JsonNode templates =
                templates(
                        template("ai-api-watch-risk", "ai-api-watch-risk-*", 200, false),
                        template("logs", "logs-*-*", 100, true),
                        template("everything", "ai-*", 150, false));

        assertThat(TemplateConflicts.conflict(templates, "ai-api-watch-risk", "ai-api-watch-risk"))
                .isNull();
    }

    @Test
    void higherDataStreamTemplateNamed() throws Exception {
        JsonNode templates =
                templates(
                        template("ai-api-watch-risk", "ai-api-watch-risk-*", 200, false),
                        template("shadow", "ai-api-watch-*", 500, true));

        assertThat(TemplateConflicts.conflict(templates, "ai-api-watch-risk", "ai-api-watch-risk"))
                .isEqualTo(
                        "the index template shadow (priority 500) matches record indices"
                                + " ai-api-watch-risk-yyyy.MM.dd with a higher priority than the"
                                + " job's"
                                + " template ai-api-watch-risk (priority 200), so new record"
                                + " indices would get its settings and mappings and become data"
                                + " streams, which reject the job's writes. Lower its priority"
                                + " below 200 or change its index_patterns, or write to other"
                                + " indices with --elasticsearch-index-prefix.");
    }

    @Test
    void highestOfSeveralMatchesNamed() throws Exception {
        JsonNode templates =
                templates(
                        template("risk", "risk-*", 200, false),
                        template("second", "r*", 300, false),
                        template("first", "*", 400, false),
                        template("other", "other-*", 900, false));

        assertThat(TemplateConflicts.conflict(templates, "risk", "risk"))
                .startsWith("the index template first (priority 400) matches")
                .contains("new record indices would get its settings and mappings. Lower");
    }

    @Test
    void narrowerTemplateNamed() throws Exception {
        JsonNode templates =
                templates(
                        template("risk", "risk-*", 200, false),
                        template("this-year", "risk-2026.*", 500, true));

        assertThat(TemplateConflicts.conflict(templates, "risk", "risk"))
                .startsWith(
                        "the index template this-year (priority 500) matches record indices"
                                + " risk-yyyy.MM.dd");
    }

    @Test
    void patternsMatchRecordIndexShape() throws Exception {
        assertThat(TemplateConflicts.matchesSomeRecordIndex(patterns("risk-*"), "risk")).isTrue();
        assertThat(TemplateConflicts.matchesSomeRecordIndex(patterns("*"), "risk")).isTrue();
        assertThat(TemplateConflicts.matchesSomeRecordIndex(patterns("risk-2026.*"), "risk"))
                .isTrue();
        assertThat(TemplateConflicts.matchesSomeRecordIndex(patterns("risk-2026*"), "risk"))
                .isTrue();
        assertThat(TemplateConflicts.matchesSomeRecordIndex(patterns("*.12.0*"), "risk")).isTrue();
        assertThat(TemplateConflicts.matchesSomeRecordIndex(patterns("other", "r*k-1*"), "risk"))
                .isTrue();
        assertThat(TemplateConflicts.matchesSomeRecordIndex(patterns("risk-x*"), "risk")).isFalse();
        assertThat(TemplateConflicts.matchesSomeRecordIndex(patterns("risk"), "risk")).isFalse();
        assertThat(TemplateConflicts.matchesSomeRecordIndex(patterns("risk-2026"), "risk"))
                .isFalse();
        assertThat(TemplateConflicts.matchesSomeRecordIndex(patterns("logs-*-*"), "risk"))
                .isFalse();
    }

    private static JsonNode templates(String... templates) throws Exception {
        return Json.mapper().readTree("[" + String.join(",", templates) + "]");
    }

    private static String template(String name, String pattern, int priority, boolean dataStream) {
        return "{\"name\":\""
                + name
                + "\",\"index_template\":{\"index_patterns\":[\""
                + pattern
                + "\"],\"priority\":"
                + priority
                + (dataStream ? ",\"data_stream\":{}" : "")
                + "}}";
    }

    private static JsonNode patterns(String... patterns) throws Exception {
        return Json.mapper().valueToTree(patterns);
    }
}
