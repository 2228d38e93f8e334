package dev.kbench.guest;

import java.util.Arrays;

/** One message of the agent protocol (docs/agent-protocol.md): a request id, a type byte and a body. */
public record Frame(int id, byte type, byte[] body) {

    public static final byte PING = 'P';
    public static final byte RUN = 'R';
    public static final byte POWER_OFF = 'Q';
    public static final byte WRITE = 'W';
    public static final byte READ_FILE = 'F';
    public static final byte ERROR = 'E';

    public Frame {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && f.id == id && f.type == type && Arrays.equals(f.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * id + type) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Frame[id=" + id + ", type=" + (char) type + ", body=" + body.length + " bytes]";
    }
}
