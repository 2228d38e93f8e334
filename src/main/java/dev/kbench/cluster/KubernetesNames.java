package dev.kbench.cluster;

import java.util.regex.Pattern;

/**
 * The API server's rules for the names kbench writes into a manifest. They are checked here,
 * where the option that gave the name is known, because the server would otherwise refuse the
 * manifest only at {@code kubectl apply}, naming a field, not an option.
 */
final class KubernetesNames {

    /** RFC 1123 label: namespaces, Job names (which become label values and pod host names). */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** RFC 1123 subdomain: PersistentVolumeClaim names, label and resource prefixes. */
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** The name part of a qualified name (a label key, an extended resource), and a label value when not empty. */
    private static final Pattern QUALIFIED_PART = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    private KubernetesNames() {
    }

    /** {@code value} if it is an RFC 1123 label of at most {@code maxLength} characters. */
    static String dnsLabel(String option, String value, int maxLength) {
        if (value.length() > maxLength || !DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(option + " '" + value + "' must be at most " + maxLength
                    + " lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
        return value;
    }

    /** {@code value} if it is an RFC 1123 subdomain (at most 253 characters). */
    static String dnsSubdomain(String option, String value) {
        if (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
            throw new IllegalArgumentException(option + " '" + value + "' must be a DNS name: lower-case letters, digits, '-' and '.'");
        }
        return value;
    }

    /**
     * {@code value} if it is a qualified name, {@code [prefix/]name}, as label keys and resource
     * names are; {@code prefixRequired} for extended resources, which must name their domain.
     */
    static String qualifiedName(String option, String value, boolean prefixRequired) {
        int slash = value.lastIndexOf('/');
        String prefix = slash < 0 ? null : value.substring(0, slash);
        String name = value.substring(slash + 1);
        boolean valid = name.length() <= 63 && QUALIFIED_PART.matcher(name).matches()
                && (prefix == null ? !prefixRequired : prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches());
        if (!valid) {
            throw new IllegalArgumentException(option + " '" + value + "' must be " + (prefixRequired ? "" : "[")
                    + "a-domain.example/" + (prefixRequired ? "" : "]") + "name, the name at most 63 letters, digits, '-', '_' and '.'");
        }
        return value;
    }

    /** {@code value} if it may be a label's value: empty, or at most 63 letters, digits, '-', '_' and '.' between alphanumerics. */
    static String labelValue(String option, String value) {
        if (!value.isEmpty() && (value.length() > 63 || !QUALIFIED_PART.matcher(value).matches())) {
            throw new IllegalArgumentException(option + " value '" + value
                    + "' must be at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
        }
        return value;
    }
}
