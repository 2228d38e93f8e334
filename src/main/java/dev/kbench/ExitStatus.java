package dev.kbench;

/**
 * What kbench's exit status says, the same for every command (docs/cli.md lists them): whose
 * move it is next. A {@link KbenchException}'s {@link KbenchException.Kind} decides its status.
 * 125 is kept for a command that serves {@code git bisect run} (0 good, 1 bad, 125 cannot test
 * this commit), so no other status is 125; none is 128 or more, which shells give to signals
 * and which make {@code git bisect run} abort.
 */
public enum ExitStatus {

    /** The command did what it was asked. */
    DONE(0, "done"),
    /** The host could not do its part: a tool missing or failing, a disk full, a file that cannot be written. */
    HOST(1, "the host failed: a tool missing or failing, a disk full, a file it cannot write"),
    /** What the user gave is wrong: an option (a usage error) or a file or value it names. */
    BAD_INPUT(2, "bad input: an option (usage error), or a file or value it names"),
    /** A kernel did not boot (kbench soak: a measured boot failed). */
    BOOT_FAILURE(3, "a kernel did not boot"),
    /** A guest, its agent or a workload failed or broke the protocol. */
    GUEST_FAILURE(4, "a guest, its agent or a workload failed"),
    /** An experiment stopped partway (one of its rounds or shards failed); what it measured is kept for --resume or kbench merge. */
    STOPPED(5, "an experiment stopped partway; what it measured is kept (--resume, kbench merge)"),
    /** A bug in kbench: its stack trace is printed. */
    BUG(70, "a bug in kbench (its stack trace follows)"),
    /** Reserved for a command that serves {@code git bisect run}: this commit cannot be tested (it does not build or boot). */
    BISECT_SKIP(125, "reserved for git bisect run: this commit cannot be tested");

    private final int code;
    private final String meaning;

    ExitStatus(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** What it says, in a few words, as help and docs/cli.md show it. */
    public String meaning() {
        return meaning;
    }
}
