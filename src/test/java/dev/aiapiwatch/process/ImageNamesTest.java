package dev.aiapiwatch.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageNamesTest {

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
        "'\\Device\\HarddiskVolume3\\Windows\\System32\\curl.exe',,               curl.exe",
        "'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',,      powershell.exe",
        "'C:\\Program Files\\Python 3.12\\python.exe',,                          python.exe",
        "/usr/bin/python3,,                                                      python3",
        "/opt/homebrew/Cellar/node/22.1.0/bin/node,,                             node",
        "curl.exe,,                                                              curl.exe",
        "'\\Device\\HarddiskVolume3\\Windows\\System32\\curl.exe',  Curl.EXE,     Curl.EXE",
        "/usr/bin/python3,                                          '  ',         python3",
        "/usr/bin/python3,                                          '',           python3",
        "/usr/bin/env,                  '\\Device\\HarddiskVolume3\\x\\wget.exe', wget.exe",
        "'',,",
        ",,",
        "/usr/bin/,,",
        "'C:\\Windows\\',,",
    })
    void baseNameOfImage(String imageFileName, String fileName, String expected) {
        assertThat(ImageNames.baseName(imageFileName, fileName)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'\\Device\\HarddiskVolume3\\Users\\alex\\AppData\\Local\\Temp\\python.exe', true",
        "'C:\\Users\\Public\\curl.exe',                                             true",
        "'\\Device\\HarddiskVolume3\\ProgramData\\x\\node.exe',                     true",
        "'C:\\Windows\\Temp\\mshta.exe',                                            true",
        "/tmp/.x/curl,                                                               true",
        "/home/alex/.local/bin/python3,                                              true",
        "/dev/shm/python3,                                                           true",
        "/Users/alex/Downloads/node,                                                 true",
        "/private/var/folders/ab/T/curl,                                             true",
        "'\\Device\\HarddiskVolume3\\Windows\\System32\\curl.exe',                 false",
        "'C:\\Program Files\\Python312\\python.exe',                               false",
        "/usr/bin/curl,                                                              false",
        "/opt/homebrew/bin/node,                                                     false",
        "/usr/lib/tmp/curl,                                                          false",
        "curl.exe,                                                                   false",
        ",                                                                           false",
    })
    void userWritableFolders(String imageFileName, boolean expected) {
        assertThat(ImageNames.inUserWritableFolder(imageFileName)).isEqualTo(expected);
    }
}
