package dev.aiapiwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Working copies of the Elasticsearch distribution that the build unpacks (the {@code
 * elasticsearch.home} system property), and its command-line tools, for {@link ElasticsearchNode}.
 * Each copy lives in a temporary work folder that also contains the node's data, logs and temporary
 * files.
 */
final class ElasticsearchDistribution {

    private ElasticsearchDistribution() {}

    /**
     * Copies the distribution into {@code home} of a new temporary work folder and returns that
     * folder. Files under {@code home/config} may be changed before {@link
     * ElasticsearchNode#start}.
     */
    static Path copy() throws IOException, InterruptedException {
        String homeProperty = System.getProperty("elasticsearch.home");
        if (homeProperty == null || !Files.isDirectory(Path.of(homeProperty))) {
            throw new IllegalStateException(
                    "the Elasticsearch distribution is missing (system property"
                            + " elasticsearch.home = "
                            + homeProperty
                            + "); run the integration tests with mvn verify, which unpacks it");
        }
        Path work = Files.createTempDirectory("ai-api-watch-elasticsearch-");
        run("cp", "-a", homeProperty, work.resolve("home").toString());
        for (String folder : List.of("data", "logs", "tmp", "user-home")) {
            Files.createDirectories(work.resolve(folder));
        }
        return work;
    }

    /**
     * Runs a command-line tool of the copy in {@code work}, such as {@code elasticsearch-certutil},
     * as the current user, and fails unless it exits with 0.
     */
    static void runTool(Path work, String tool, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(work.resolve("home/bin").resolve(tool).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        environment(builder, work);
        builder.redirectErrorStream(true);
        Path output = work.resolve("tool.log");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (process.waitFor() != 0) {
            throw new IOException(
                    tool
                            + " failed with "
                            + process.exitValue()
                            + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    /** Sets the environment of the distribution's scripts, with every file inside {@code work}. */
    static void environment(ProcessBuilder builder, Path work) {
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("HOME", work.resolve("user-home").toString());
        environment.put("ES_JAVA_HOME", System.getProperty("java.home"));
        environment.put("ES_TMPDIR", work.resolve("tmp").toString());
        environment.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + work.resolve("tmp"));
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException(
                    String.join(" ", command) + " failed with " + process.exitValue());
        }
    }
}
