package dev.kbench.cluster;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * The Slurm commands kbench uses (sbatch, scontrol, scancel), as the user's environment finds
 * its cluster ({@code SLURM_CONF}, ...). Job states come from {@code scontrol}, which needs no
 * accounting database; a finished job stays visible to it for the cluster's MinJobAge.
 */
public final class Slurm {

    /** A job, or one task of a job array, as scontrol shows it. */
    public record Job(String id, Optional<Integer> arrayTask, String state, String exitCode, String reason, String node) {

        /** Slurm's states a job does not leave. */
        public boolean ended() {
            return switch (state) {
                case "PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING", "STAGE_OUT", "SIGNALING" -> false;
                default -> true;
            };
        }

        public boolean succeeded() {
            return state.equals("COMPLETED");
        }

        /** A pending job whose dependency can no longer be met: an afterok job after a failed one. */
        public boolean neverRuns() {
            return state.equals("PENDING") && reason.equals("DependencyNeverSatisfied");
        }
    }

    private static final long TIMEOUT_SECONDS = 60;

    /** Submits with sbatch {@code --parsable}; returns the job id. */
    public String submit(List<String> sbatch) throws IOException {
        String out = run(sbatch).outputUTF8().strip();
        String id = out.lines().reduce((first, last) -> last).orElse("").split(";")[0].strip();
        if (!id.matches("\\d+")) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "sbatch did not give a job id: " + out);
        }
        return id;
    }

    /** Every job scontrol knows under {@code id}: an array's tasks (pending ones may be one line for a range), or the one job. */
    public List<Job> jobs(String id) throws IOException {
        ProcessResult result = execute(List.of("scontrol", "-o", "show", "job", id));
        String text = result.outputUTF8();
        if (result.getExitValue() != 0) {
            if (text.contains("Invalid job id")) {
                return List.of(); // purged after MinJobAge
            }
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "scontrol show job " + id + " failed: " + text.strip());
        }
        List<Job> jobs = new ArrayList<>();
        for (String line : text.lines().filter(l -> l.contains("JobId=")).toList()) {
            Map<String, String> fields = fields(line);
            String task = fields.getOrDefault("ArrayTaskId", "");
            jobs.add(new Job(fields.getOrDefault("JobId", id), task.matches("\\d+") ? Optional.of(Integer.parseInt(task)) : Optional.empty(),
                    fields.getOrDefault("JobState", "UNKNOWN"), fields.getOrDefault("ExitCode", "?"), fields.getOrDefault("Reason", "None"),
                    fields.getOrDefault("BatchHost", fields.getOrDefault("NodeList", "(none)"))));
        }
        return jobs;
    }

    public void cancel(String id) throws IOException {
        execute(List.of("scancel", id));
    }

    /** scontrol's one-line form: Key=Value pairs separated by spaces (values here hold none). */
    static Map<String, String> fields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.strip().split("\\s+")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.putIfAbsent(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return fields;
    }

    private static ProcessResult run(List<String> command) throws IOException {
        ProcessResult result = execute(command);
        if (result.getExitValue() != 0) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, command.get(0) + " failed (exit " + result.getExitValue() + "): " + result.outputUTF8().strip());
        }
        return result;
    }

    private static ProcessResult execute(List<String> command) throws IOException {
        try {
            return new ProcessExecutor(command).readOutput(true).redirectErrorStream(true).timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).execute();
        } catch (TimeoutException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, command.get(0) + " did not answer within " + TIMEOUT_SECONDS + " s: is slurmctld up?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while running " + command.get(0), e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("error=2")) {
                throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, command.get(0) + " is not installed here: kbench slurm runs on a Slurm submit host (Debian: slurm-client)", e);
            }
            throw e;
        }
    }
}
