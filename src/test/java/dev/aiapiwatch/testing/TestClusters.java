package dev.aiapiwatch.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Flink mini clusters for tests, bound to the loopback interface only. */
public final class TestClusters {

    public static final int SLOTS = 2;

    private TestClusters() {}

    /** Returns a mini cluster with one task manager of {@link #SLOTS} slots. */
    public static MiniClusterExtension loopback() {
        return cluster(1, SLOTS);
    }

    /**
     * Returns a mini cluster with two task managers of one slot each, so that a job of parallelism
     * 2 runs on both and a test can stop one of them.
     */
    public static MiniClusterExtension twoTaskManagers() {
        return cluster(2, 1);
    }

    private static MiniClusterExtension cluster(int taskManagers, int slotsPerTaskManager) {
        Configuration config = new Configuration();
        config.setString("rest.bind-address", "127.0.0.1");
        config.setString("rest.address", "127.0.0.1");
        config.setString("jobmanager.bind-host", "127.0.0.1");
        config.setString("taskmanager.bind-host", "127.0.0.1");
        config.setString("taskmanager.host", "127.0.0.1");
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(config)
                        .setNumberTaskManagers(taskManagers)
                        .setNumberSlotsPerTaskManager(slotsPerTaskManager)
                        .build());
    }

    /** Job settings of the real job: no class may fall back to Kryo. */
    public static Configuration jobConfiguration() {
        Configuration config = new Configuration();
        config.setString("pipeline.generic-types", "false");
        return config;
    }
}
