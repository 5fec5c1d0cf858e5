package dev.aiapiwatch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files of the Falcon {@code aidmaster} and {@code userinfo} tables, which name the hosts and users
 * of risk records. They are read in file mode and in Kafka mode; Kafka mode can also read a topic
 * of entries ({@link KafkaOptions#AIDMASTER_USERINFO_TOPIC}).
 */
public final class InventoryOptions {

    public static final String AIDMASTER = "--aidmaster";
    public static final String USERINFO = "--userinfo";

    static final List<OptionSpec> SPECS =
            List.of(
                    OptionSpec.repeatable(
                            AIDMASTER,
                            "PATH",
                            "Falcon aidmaster table: a file or a directory of newline-delimited"
                                    + " JSON, .gz files too, one object per sensor with aid,"
                                    + " ComputerName and event_platform. Fills host.name on"
                                    + " records whose events carry no ComputerName. Repeatable."),
                    OptionSpec.repeatable(
                            USERINFO,
                            "PATH",
                            "Falcon userinfo table: a file or a directory of newline-delimited"
                                    + " JSON, .gz files too, one object per user with UserSid and"
                                    + " UserName. Fills user.name on records of Windows users."
                                    + " Repeatable."));

    private final List<Path> paths;

    private InventoryOptions(List<Path> paths) {
        this.paths = paths;
    }

    /**
     * Returns the options, with an empty list of paths when none is given.
     *
     * @throws InvalidOptionException naming the option, the path and what is needed
     */
    static InventoryOptions parse(CommandLine line) throws InvalidOptionException {
        List<Path> paths = new ArrayList<>();
        for (String option : List.of(AIDMASTER, USERINFO)) {
            for (String value : line.values(option)) {
                Path path = checkReadable(option, value);
                if (paths.stream().noneMatch(given -> sameFile(given, path))) {
                    paths.add(path);
                }
            }
        }
        return new InventoryOptions(List.copyOf(paths));
    }

    private static Path checkReadable(String option, String value) throws InvalidOptionException {
        Path path = Path.of(value);
        if (!Files.exists(path)) {
            throw InvalidOptionException.invalidValue(
                    option,
                    value,
                    "an existing file or directory of "
                            + option.substring(2)
                            + " entries; check the path");
        }
        if (!Files.isReadable(path)) {
            throw InvalidOptionException.invalidValue(
                    option,
                    value,
                    "a file or directory the job may read; grant read permission to the user"
                            + " that runs the job");
        }
        if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
            throw InvalidOptionException.invalidValue(
                    option, value, "a regular file or a directory");
        }
        return path;
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * Returns the aidmaster and userinfo paths, each once. A line's table is determined by its
     * fields, so the files of both options are read alike.
     */
    public List<Path> paths() {
        return paths;
    }

    @Override
    public String toString() {
        return paths.toString();
    }
}
