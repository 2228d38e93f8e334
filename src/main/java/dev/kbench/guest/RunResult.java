package dev.kbench.guest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** What the agent reports of one program run: how it ended, its wall time and its output. */
public record RunResult(int exitStatus, int signal, long wallNanos, boolean timedOut, String stdout, String stderr) {

    public boolean succeeded() {
        return !timedOut && signal == 0 && exitStatus == 0;
    }

    /** One line saying how the program ended, for error messages. */
    public String describeEnd() {
        if (timedOut) {
            return "killed after its timeout";
        }
        if (signal != 0) {
            return "killed by signal " + signal;
        }
        return "exited with status " + exitStatus;
    }

    static RunResult decode(byte[] body) throws AgentException {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        if (buffer.remaining() < 21) {
            throw new AgentException("run reply too short: " + body.length + " bytes");
        }
        int exitStatus = buffer.getInt();
        int signal = buffer.getInt();
        long wallNanos = buffer.getLong();
        boolean timedOut = buffer.get() != 0;
        int stdoutLength = buffer.getInt();
        if (stdoutLength < 0 || stdoutLength > buffer.remaining()) {
            throw new AgentException("run reply has a stdout length of " + stdoutLength + " but only " + buffer.remaining() + " bytes follow");
        }
        String stdout = new String(body, buffer.position(), stdoutLength, StandardCharsets.UTF_8);
        int stderrStart = buffer.position() + stdoutLength;
        String stderr = new String(body, stderrStart, body.length - stderrStart, StandardCharsets.UTF_8);
        return new RunResult(exitStatus, signal, wallNanos, timedOut, stdout, stderr);
    }
}
