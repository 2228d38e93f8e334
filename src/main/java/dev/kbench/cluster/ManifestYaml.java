package dev.kbench.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes objects as one YAML stream, a document each, as {@code kubectl apply -f} takes it.
 * Strings are quoted whenever a YAML 1.1 reader (kubectl's is one) could take them for something
 * else: a run option such as {@code no}, {@code on} or {@code 0x10} stays a string.
 */
final class ManifestYaml {

    private static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .stringQuotingChecker(new PlainOnlyIfSafe())
            // the shard script reads as the shell script it is
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    /** What YAML 1.1 readers take for line breaks: ASCII controls, NEL and the Unicode line and paragraph separators. */
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\x00-\\x1f\\x7f\\x{85}\\x{2028}\\x{2029}]");

    private ManifestYaml() {
    }

    /** {@code documents}, each after {@code ---}, under {@code header} as comment lines. */
    static String write(List<? extends JsonNode> documents, List<String> header) {
        StringWriter text = new StringWriter();
        // a line break in a comment (an -o path may hold one) would start YAML of its own
        header.forEach(line -> text.append("# ").append(LINE_BREAKS.matcher(line).replaceAll("?")).append('\n'));
        try (SequenceWriter writer = MAPPER.writer().writeValues(text)) {
            for (JsonNode document : documents) {
                writer.write(document);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest's tree could not be written as YAML", e);
        } catch (IOException e) {
            // a StringWriter does no I/O
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Leaves unquoted only what no YAML 1.1 or 1.2 reader takes for anything but a string: a word
     * of letters, digits and {@code ._/:@+-} that starts with a letter or a slash (or an option's
     * dashes) and is no keyword such as {@code yes} or {@code null}. Jackson's own checker lets
     * YAML 1.1 numbers such as {@code 0x10} or {@code 1_000} through, which kubectl reads as numbers.
     */
    private static final class PlainOnlyIfSafe extends StringQuotingChecker {
        private static final long serialVersionUID = 1L;
        private static final Pattern SAFE = Pattern.compile("-{0,2}[A-Za-z/][A-Za-z0-9._/:@+-]*");
        /** YAML 1.1's booleans and nulls, which go-yaml (kubectl's reader) resolves, y and n included. */
        private static final Pattern KEYWORD = Pattern.compile(
                "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL");

        @Override
        public boolean needToQuoteName(String name) {
            return needToQuoteValue(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            // "a:" would be read as a mapping's key
            return !SAFE.matcher(value).matches() || KEYWORD.matcher(value).matches() || value.endsWith(":");
        }
    }
}
