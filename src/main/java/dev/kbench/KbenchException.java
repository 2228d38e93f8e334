package dev.kbench;

import java.io.IOException;
import java.util.Objects;

/**
 * The root of the failures kbench expects and explains in one line: bad input from the user, a
 * kernel that does not boot, a guest or workload that misbehaves, or the host lacking something.
 * Anything else that escapes is a bug in kbench, and the command line shows its stack trace.
 * The kind decides the exit status ({@link ExitStatus}).
 */
public class KbenchException extends IOException {

    /** Who can fix it: the user's input, the kernel, the guest, or the host; it decides kbench's exit status. */
    public enum Kind {
        BAD_INPUT(ExitStatus.BAD_INPUT), BOOT_FAILURE(ExitStatus.BOOT_FAILURE), GUEST_FAILURE(ExitStatus.GUEST_FAILURE),
        INFRASTRUCTURE(ExitStatus.HOST);

        private final ExitStatus status;

        Kind(ExitStatus status) {
            this.status = status;
        }

        public ExitStatus exitStatus() {
            return status;
        }
    }

    private final Kind kind;

    public KbenchException(Kind kind, String message) {
        this(kind, message, null);
    }

    public KbenchException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
