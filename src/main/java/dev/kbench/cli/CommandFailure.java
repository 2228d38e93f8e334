package dev.kbench.cli;

import dev.kbench.ExitStatus;
import dev.kbench.KbenchException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What the command line says about an exception that ended a command, and the status it exits
 * with: a {@link KbenchException} by its kind; the host's file errors in a line naming the file,
 * whichever file it was (one the user named, the cache, an output folder); an argument a
 * constructor refused as bad input; anything else as a bug, with its stack trace.
 *
 * @param line what went wrong, in one line (a failed boot adds the console's tail below it)
 * @param bug whether it is a bug in kbench, whose stack trace should follow
 */
record CommandFailure(ExitStatus status, String line, boolean bug) {

    static CommandFailure of(Exception e) {
        if (e instanceof KbenchException known) {
            return new CommandFailure(known.kind().exitStatus(), known.getMessage(), false);
        }
        if (e instanceof FileSystemException file) {
            boolean missing = file instanceof NoSuchFileException || file instanceof NotDirectoryException;
            return new CommandFailure(missing ? ExitStatus.BAD_INPUT : ExitStatus.HOST, describe(file), false);
        }
        if (e instanceof IOException) {
            return new CommandFailure(ExitStatus.HOST, String.valueOf(e.getMessage()), false);
        }
        if (e instanceof IllegalArgumentException) {
            return new CommandFailure(ExitStatus.BAD_INPUT, e.getMessage(), false);
        }
        return new CommandFailure(ExitStatus.BUG, "internal error (a bug in kbench; please report it with what follows): " + e, true);
    }

    /** Java says only the path for a missing file: say which file, what is wrong with it and what to do. */
    static String describe(FileSystemException e) {
        String files = e.getFile() + (e.getOtherFile() != null ? " (to " + e.getOtherFile() + ")" : "");
        String why;
        if (e instanceof NoSuchFileException) {
            why = "no such file or folder: check the path";
        } else if (e instanceof NotDirectoryException) {
            why = "not a folder: give a folder's path";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied: check its owner and mode, or give another path";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "it already exists: remove it or give another path";
        } else if (e instanceof DirectoryNotEmptyException) {
            why = "the folder is not empty: empty it or give another";
        } else {
            why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        }
        return "cannot use " + files + ": " + why;
    }
}
