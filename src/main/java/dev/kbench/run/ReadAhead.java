package dev.kbench.run;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads files on several threads a bounded distance ahead of the one that uses them, handing the
 * results over in the order asked: the merge of a thousand shards spends most of its time
 * decoding kept results, one file each, which needs no order until they are used.
 *
 * @param <T> what a read gives
 */
final class ReadAhead<T> implements AutoCloseable {

    /** One read; an IOException is handed to the user at its turn. */
    interface Read<T> {
        T read() throws IOException;
    }

    private final ExecutorService threads;
    private final Iterator<Read<T>> pending;
    private final Deque<Future<T>> ahead = new ArrayDeque<>();
    private final int distance;

    /** Reads {@code reads} on up to {@code threadCount} threads, at most four reads a thread ahead of {@link #next()}. */
    ReadAhead(List<Read<T>> reads, int threadCount) {
        this.threads = Executors.newFixedThreadPool(Math.max(1, threadCount), runnable -> {
            Thread thread = new Thread(runnable, "kbench-read-ahead");
            thread.setDaemon(true);
            return thread;
        });
        this.pending = List.copyOf(reads).iterator();
        this.distance = 4 * Math.max(1, threadCount);
        fill();
    }

    /** The next read's result, in the order given. */
    T next() throws IOException {
        Future<T> first = ahead.removeFirst();
        fill();
        try {
            return first.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while reading", e);
        }
    }

    private void fill() {
        while (ahead.size() < distance && pending.hasNext()) {
            Read<T> read = pending.next();
            ahead.addLast(threads.submit(() -> {
                try {
                    return read.read();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
