package dev.aiapiwatch.config;

import java.util.Map;

/**
 * The place where a set of Kafka client properties was given, for the messages that reject one of
 * them.
 *
 * @param where the place a user edits, such as "the --kafka-properties file client.properties"
 * @param settersByProperty the client properties that an option sets instead, each with the program
 *     and option that set it, such as "the job from --kafka-group-id"
 */
record ClientPropertySource(String where, Map<String, String> settersByProperty) {}
