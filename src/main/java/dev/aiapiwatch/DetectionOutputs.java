package dev.aiapiwatch;

import dev.aiapiwatch.event.DeadLetter;
import dev.aiapiwatch.risk.RiskRecord;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The streams the detection produces.
 *
 * @param riskRecords each write of each risk record: an early write when a group first appears in a
 *     window, and updates when the window closes or a late lookup arrives, all with the record's id
 * @param deadLetters every rejected input record, with the reason
 */
public record DetectionOutputs(
        DataStream<RiskRecord> riskRecords, DataStream<DeadLetter> deadLetters) {}
