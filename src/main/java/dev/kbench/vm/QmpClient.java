package dev.kbench.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kbench.KbenchException;
import dev.kbench.io.UnixSocketStreams;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A QEMU Machine Protocol session over QEMU's UNIX socket: the greeting, capability
 * negotiation, then one command at a time. Asynchronous events between replies are skipped.
 */
public final class QmpClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Longest QMP line read: {@code info registers -a} of many vCPUs is tens of KiB; a longer line is not QEMU's. */
    static final int MAX_LINE = 4 << 20;

    private final AutoCloseable socket;
    private final InputStream in;
    private final OutputStream out;

    private QmpClient(InputStream in, OutputStream out, AutoCloseable socket) {
        this.socket = socket;
        this.in = new BufferedInputStream(in, 1 << 16);
        this.out = out;
    }

    public static QmpClient connect(Path qmpSocket) throws IOException {
        UnixSocketStreams socket = UnixSocketStreams.connect(qmpSocket);
        return over(socket.input(), socket.output(), socket);
    }

    /** A session over any byte streams: the greeting is read and capabilities negotiated before it returns. */
    static QmpClient over(InputStream input, OutputStream output, AutoCloseable socket) throws IOException {
        QmpClient client = new QmpClient(input, output, socket);
        try {
            JsonNode greeting = client.next();
            if (!greeting.has("QMP")) {
                throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "not a QMP greeting: " + greeting);
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
                throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "QMP " + command + " failed: " + reply.get("error").path("desc").asText());
            }
            // an event: not the reply we wait for
        }
    }

    /** The next line as JSON; a line that is not a JSON object, or is longer than {@link #MAX_LINE}, is an IOException. */
    private JsonNode next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "QEMU closed its QMP socket");
            }
            if (line.size() >= MAX_LINE) {
                throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "QMP sent a line longer than " + (MAX_LINE >> 20) + " MiB");
            }
            line.write(b);
        }
        JsonNode node;
        try {
            node = JSON.readTree(line.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "QMP sent a line that is not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (node == null || !node.isObject()) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "QMP sent a line that is not a JSON object: " + abbreviate(line.toString(StandardCharsets.UTF_8)));
        }
        return node;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
