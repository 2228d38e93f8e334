package dev.kbench.ssh;

import dev.kbench.ShellQuote;
import dev.kbench.guest.GuestBinaries;

/**
 * The agent kbench's initramfs leaves in an image it boots (guest-agent/agent_copy.c): a copy of
 * itself in {@code /run/kbench} on a tmpfs the image's init keeps, with the build its initramfs
 * named. Starting it costs one SSH command and none of the agent's 800 KB, which under TCG cost
 * the guest about 0.13 s more than any command on a quiet host and up to 0.6-0.9 s on a loaded
 * one (docs/measurements.md).
 */
final class PreplacedAgent {

    /** Where agent_copy.c puts the copy. */
    static final String DIR = "/run/kbench";
    /** The start command's exit status when there is no copy of this build: then the host copies the agent in. */
    static final int ABSENT = 3;

    private PreplacedAgent() {
    }

    /**
     * One command that, if the copy in {@code dir} is of {@code build}, makes {@code guestDir}
     * (where programs are written through the agent, which makes no folders) and serves with it,
     * and otherwise exits with {@link #ABSENT} at once, silently. Only shell built-ins decide:
     * the one process before the agent is the {@code mkdir} a copy would run too.
     */
    static String command(String dir, String build, String guestDir) {
        String agent = ShellQuote.quote(dir + "/kbench-agent");
        String marker = ShellQuote.quote(dir + "/" + GuestBinaries.AGENT_BUILD_FILE);
        // read fails at a last line without a newline, having read it: its status is no answer
        return "build=; { read -r build < " + marker + "; } 2>/dev/null; [ \"$build\" = " + ShellQuote.quote(build) + " ] && [ -x " + agent
                + " ] || exit " + ABSENT + "; mkdir -p " + ShellQuote.quote(guestDir) + " && exec " + agent + " --serve";
    }
}
