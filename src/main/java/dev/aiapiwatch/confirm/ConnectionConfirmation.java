package dev.aiapiwatch.confirm;

import dev.aiapiwatch.Descriptors;
import dev.aiapiwatch.config.ConfirmSettings;
import dev.aiapiwatch.event.NetworkConnect;
import dev.aiapiwatch.keys.HashedKey;
import dev.aiapiwatch.watchlist.AiLookup;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The stage that confirms AI lookups with network connections: a lookup is confirmed when the same
 * process (aid and process id) then opens an outbound TCP connection to one of the addresses the
 * lookup resolved to, within the confirmation time.
 */
public final class ConnectionConfirmation {

    private ConnectionConfirmation() {}

    /**
     * Builds the stage.
     *
     * @param aiLookups lookups of watched domains, with timestamps and watermarks
     * @param connects NetworkConnectIP4 events, with timestamps and watermarks
     * @return one confirmation per confirmed connection: a copy of the lookup with {@link
     *     AiLookup#confirmedAddress} set and the lookup's own time
     */
    public static DataStream<AiLookup> build(
            DataStream<AiLookup> aiLookups,
            DataStream<NetworkConnect> connects,
            ConfirmSettings settings) {
        // Each filter runs at the parallelism of its input, so that it chains to it and the
        // dropped lookups and connections never cross the network.
        SingleOutputStreamOperator<ConfirmationInput> lookupsWithAddresses =
                aiLookups
                        .flatMap(new LookupsWithAddresses())
                        .setParallelism(aiLookups.getParallelism())
                        .uid("confirm-select-lookups")
                        .name("Keep lookups with addresses");
        SingleOutputStreamOperator<ConfirmationInput> outboundTcp =
                connects.flatMap(new OutboundTcpConnections(settings))
                        .setParallelism(connects.getParallelism())
                        .uid("confirm-select-connections")
                        .name("Keep outbound TCP connections");

        KeyedStream<ConfirmationInput, Tuple2<Long, Long>> byProcessAndAddress =
                lookupsWithAddresses
                        .union(outboundTcp)
                        .keyBy(ConnectionConfirmation::processAddressKey, HashedKey.TYPE);

        SingleOutputStreamOperator<AiLookup> matches =
                matchPattern(byProcessAndAddress, settings.within());

        SingleOutputStreamOperator<AiLookup> confirmations =
                matches.map(new ConfirmationCounter())
                        .uid("count-confirmations")
                        .name("Count confirmations");

        // The counter emits nothing. The union keeps it in the graph next to the confirmations
        // instead of leaving a branch without an output.
        SingleOutputStreamOperator<AiLookup> lateInputs =
                matches.getSideOutput(Descriptors.LATE_CONFIRMATION_INPUTS)
                        .flatMap(new LateInputCounter())
                        .uid("count-late-confirmation-inputs")
                        .name("Count late confirmation inputs");

        return confirmations.union(lateInputs);
    }

    /**
     * Runs {@link ConfirmationPattern} in event time on lookups and connections keyed by process
     * and address. Inputs behind the watermark go to {@link Descriptors#LATE_CONFIRMATION_INPUTS}.
     */
    static SingleOutputStreamOperator<AiLookup> matchPattern(
            KeyedStream<ConfirmationInput, Tuple2<Long, Long>> byProcessAndAddress,
            Duration within) {
        return CEP.pattern(
                        byProcessAndAddress,
                        ConfirmationPattern.create(within),
                        new ConfirmationPattern.LookupsFirst())
                .inEventTime()
                .sideOutputLateData(Descriptors.LATE_CONFIRMATION_INPUTS)
                .process(new ConfirmedLookups(), TypeInformation.of(AiLookup.class))
                .uid("confirm-lookups")
                .name("Confirm lookups with connections");
    }

    /**
     * Returns the {@link HashedKey} of (aid, process id, address). Keying by the address too lets
     * each address of a process have its own pending lookups, so a connection to one address never
     * ends the wait of a lookup for another.
     */
    static Tuple2<Long, Long> processAddressKey(ConfirmationInput input) {
        return HashedKey.of(input.aid, input.processId, input.address);
    }
}
