package dev.aiapiwatch.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuspiciousParentsTest {

    @ParameterizedTest(name = "{0} starting {1}")
    @CsvSource({
        "WINWORD.EXE,                                  LOLBIN,         true",
        "excel.exe,                                    SCRIPT_RUNTIME, true",
        "OUTLOOK.EXE,                                  CLI_TRANSFER,   true",
        "thunderbird,                                  RUNTIME,        true",
        "wscript.exe,                                  SCRIPT_RUNTIME, true",
        "'\\Device\\HarddiskVolume3\\Windows\\System32\\mshta.exe', CLI_TRANSFER, true",
        "services.exe,                                 SCRIPT_RUNTIME, true",
        "services.exe,                                 CLI_TRANSFER,   true",
        "services.exe,                                 LOLBIN,         false",
        "explorer.exe,                                 SCRIPT_RUNTIME, false",
        "cmd.exe,                                      CLI_TRANSFER,   false",
        "bash,                                         CLI_TRANSFER,   false",
        "notwinword.exe,                               LOLBIN,         false",
        ",                                             LOLBIN,         false",
    })
    void parentOfTool(String parent, ProcessCategory category, boolean expected) {
        assertThat(SuspiciousParents.isSuspicious(parent, category)).isEqualTo(expected);
    }
}
