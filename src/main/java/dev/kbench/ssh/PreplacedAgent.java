package dev.kbench.ssh;

import dev.kbench.ShellQuote;
import dev.kbench.guest.GuestBinaries;

/**
 * The agent kbench's initramfs leaves in an image it boots (guest-agent/initrd.c): a copy of
 * itself in {@code /run/kbench} on a tmpfs the image's init keeps, with the build its initramfs
 * named. Starting it costs one SSH command and none of the agent's 800 KB, which under TCG took
 * the guest 0.6-0.9 s to receive (docs/measurements.md).
 */
final class PreplacedAgent {

    /** Where initrd.c puts the copy. */
    static final String DIR = "/run/kbench";
    /** The start command's exit status when there is no copy of this build: then the host copies the agent in. */
    static final int ABSENT = 3;

    private PreplacedAgent() {
    }

    /**
     * One command that serves with the copy in {@code dir} if its marker names {@code build},
     * and otherwise exits with {@link #ABSENT} at once, silently. Only shell built-ins run before
     * the agent: any other process would cost the guest what a copy's {@code mkdir} does.
     */
    static String command(String dir, String build) {
        String agent = ShellQuote.quote(dir + "/kbench-agent");
        String marker = ShellQuote.quote(dir + "/" + GuestBinaries.AGENT_BUILD_FILE);
        return "{ read -r build < " + marker + "; } 2>/dev/null && [ \"$build\" = " + ShellQuote.quote(build) + " ] && [ -x " + agent
                + " ] || exit " + ABSENT + "; exec " + agent + " --serve";
    }
}
