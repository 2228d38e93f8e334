package dev.kbench.kernel;

/** A kernel that cannot be booted at all: missing, unreadable, or not a kernel image. */
public class InvalidKernelException extends Exception {

    public InvalidKernelException(String message) {
        super(message);
    }
}
