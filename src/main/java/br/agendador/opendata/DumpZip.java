package br.agendador.opendata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One zip of the dump, checked before use: readable, its central directory complete (a truncated
 * download has none), one entry of the expected kind whose data fits in the file. The entry's
 * CRC is checked as it is read ({@link DumpFileLoad}) and, for downloads, right after the download.
 */
record DumpZip(Path path, DumpKind kind, String entryName, long uncompressedSize, long crc) {

    static DumpZip open(Path path, DumpKind kind) {
        String file = path.getFileName().toString();
        if (!Files.isRegularFile(path)) {
            throw new InvalidDump(OpenDataProblem.FILE_MISSING, file);
        }
        if (!Files.isReadable(path)) {
            throw new InvalidDump(OpenDataProblem.FILE_UNREADABLE, file);
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                if (!entry.isDirectory()) {
                    entries.add(entry);
                }
            }
            if (entries.size() != 1) {
                throw new InvalidDump(OpenDataProblem.ZIP_ENTRIES, file, entries.size());
            }
            ZipEntry entry = entries.getFirst();
            if (!kind.isEntry(entry.getName())) {
                throw new InvalidDump(OpenDataProblem.ZIP_WRONG_ENTRY, file, entry.getName(), kind.entryMarker());
            }
            if (entry.getCompressedSize() > Files.size(path)) {
                throw new InvalidDump(OpenDataProblem.ZIP_TRUNCATED, file);
            }
            return new DumpZip(path, kind, entry.getName(), Math.max(entry.getSize(), 0), entry.getCrc());
        } catch (IOException e) {
            throw new InvalidDump(OpenDataProblem.ZIP_UNREADABLE, file, e.getMessage());
        }
    }

    String fileName() {
        return path.getFileName().toString();
    }
}
