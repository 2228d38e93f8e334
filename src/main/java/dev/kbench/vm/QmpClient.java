package dev.kbench.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kbench.io.UnixSocketStreams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A QEMU Machine Protocol session over QEMU's UNIX socket: the greeting, capability
 * negotiation, then one command at a time. Asynchronous events between replies are skipped.
 */
public final class QmpClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UnixSocketStreams socket;
    private final BufferedReader in;
    private final OutputStream out;

    private QmpClient(UnixSocketStreams socket) {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.input(), StandardCharsets.UTF_8));
        this.out = socket.output();
    }

    public static QmpClient connect(Path qmpSocket) throws IOException {
        QmpClient client = new QmpClient(UnixSocketStreams.connect(qmpSocket));
        try {
            JsonNode greeting = client.next();
            if (!greeting.has("QMP")) {
                throw new IOException("not a QMP greeting: " + greeting);
            }
            client.execute("qmp_capabilities");
            return client;
        } catch (IOException e) {
            client.close();
            throw e;
        }
    }

    /** Runs {@code command} and returns its {@code return} value; a QMP error becomes an IOException. */
    public JsonNode execute(String command) throws IOException {
        return send(JSON.createObjectNode().put("execute", command), command);
    }

    /** Runs a human-monitor (HMP) command such as {@code info registers -a} and returns its text. */
    public String humanMonitor(String commandLine) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("execute", "human-monitor-command");
        request.putObject("arguments").put("command-line", commandLine);
        return send(request, commandLine).asText();
    }

    private JsonNode send(ObjectNode request, String command) throws IOException {
        out.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            JsonNode reply = next();
            if (reply.has("return")) {
                return reply.get("return");
            }
            if (reply.has("error")) {
                throw new IOException("QMP " + command + " failed: " + reply.get("error").path("desc").asText());
            }
            // an event: not the reply we wait for
        }
    }

    private JsonNode next() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("QEMU closed its QMP socket");
        }
        return JSON.readTree(line);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
