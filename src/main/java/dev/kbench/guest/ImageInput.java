package dev.kbench.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One file of the guest's root: its path there, its mode, and where its bytes come from; the
 * cache names an image by its inputs' identities, which are cheap to learn, unlike their bytes.
 */
sealed interface ImageInput {
    String path();

    int mode();

    /** What changes whenever the bytes could have: cheap to learn, unlike the bytes themselves. */
    String identity() throws IOException;

    void addTo(Initramfs.Builder builder) throws IOException;

    /** One of kbench's guest binaries: in the jar, a jar entry's CRC and size say which build it is. */
    record FromResource(String path, String binary, int mode) implements ImageInput {
        @Override
        public String identity() throws IOException {
            return "resource " + binary + " build " + GuestBinaries.build(binary);
        }

        @Override
        public void addTo(Initramfs.Builder builder) throws IOException {
            builder.bytes(path, GuestImage.resource(binary), mode);
        }
    }

    /** A file of the host's: a user's program, a library, a kernel module. */
    record FromFile(String path, Path file, int mode) implements ImageInput {
        @Override
        public String identity() throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return "file " + file.toRealPath() + " size " + attributes.size() + " modified " + attributes.lastModifiedTime().toInstant()
                    + " key " + attributes.fileKey();
        }

        @Override
        public void addTo(Initramfs.Builder builder) {
            builder.file(path, file, mode);
        }
    }

    /** A few bytes kbench writes itself (the modules' load order, the agent's build). */
    record FromBytes(String path, byte[] bytes, int mode) implements ImageInput {
        @Override
        public String identity() {
            return "bytes sha256 " + sha256(bytes);
        }

        @Override
        public void addTo(Initramfs.Builder builder) {
            builder.bytes(path, bytes, mode);
        }
    }

    /** The cache's name for an image of these inputs: a hash of where each goes, its mode and its source's identity. */
    static String key(List<ImageInput> inputs) throws IOException {
        StringBuilder manifest = new StringBuilder("kbench initramfs, inputs v1\n");
        for (ImageInput input : inputs) {
            manifest.append(input.path()).append(' ').append(Integer.toOctalString(input.mode())).append(' ').append(input.identity()).append('\n');
        }
        return sha256(manifest.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
