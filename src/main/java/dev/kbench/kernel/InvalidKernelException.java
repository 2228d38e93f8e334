package dev.kbench.kernel;

import dev.kbench.KbenchException;

/** A kernel that cannot be booted at all: missing, unreadable, or not a kernel image. */
public class InvalidKernelException extends KbenchException {

    public InvalidKernelException(String message) {
        super(Kind.BAD_INPUT, message);
    }
}
