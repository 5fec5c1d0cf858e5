package dev.aiapiwatch.io.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Writes buffered index requests into checkpoints, so that none is lost on a restart. */
public class RiskRecordDocumentSerializer
        extends AsyncSinkWriterStateSerializer<RiskRecordDocument> {

    private static final int VERSION = 1;

    @Override
    protected void serializeRequestToStream(RiskRecordDocument document, DataOutputStream out)
            throws IOException {
        out.writeUTF(document.index);
        out.writeUTF(document.id);
        out.writeLong(document.version);
        out.writeInt(document.failedAttempts);
        out.writeInt(document.source.length);
        out.write(document.source);
    }

    @Override
    protected RiskRecordDocument deserializeRequestFromStream(long size, DataInputStream in)
            throws IOException {
        RiskRecordDocument document = new RiskRecordDocument();
        document.index = in.readUTF();
        document.id = in.readUTF();
        document.version = in.readLong();
        document.failedAttempts = in.readInt();
        document.source = new byte[in.readInt()];
        in.readFully(document.source);
        return document;
    }

    @Override
    public int getVersion() {
        return VERSION;
    }
}
