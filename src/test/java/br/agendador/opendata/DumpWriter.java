package br.agendador.opendata;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes dumps in the exact layout the Receita publishes: 37 zips named as the Receita names them
 * ({@code Empresas0.zip} … {@code Qualificacoes.zip}), each holding one entry named like the real
 * ones ({@code K3241.K03200Y0.D61108.EMPRECSV}), lines of {@code ;}-separated fields, every field in
 * double quotes, ISO-8859-1 with windows-1252 punctuation, LF line ends. Lines are given as their
 * fields, or raw (for malformed lines and stray bytes). Rows of the big kinds are spread over
 * their ten files in turn.
 */
final class DumpWriter {

    static final Charset LATIN1 = Charset.forName("windows-1252");

    private final YearMonth month;
    private final List<List<byte[]>> lines = new ArrayList<>();
    private final int[] next = new int[DumpKind.values().length];

    DumpWriter(YearMonth month) {
        this.month = month;
        for (DumpKind kind : DumpKind.values()) {
            for (int i = 0; i < kind.fileNames().size(); i++) {
                lines.add(new ArrayList<>());
            }
        }
    }

    /** A line of quoted fields, into the kind's next file. */
    DumpWriter row(DumpKind kind, String... fields) {
        return raw(kind, line(fields));
    }

    /** A line as bytes, exactly (no LF added), into the kind's next file. */
    DumpWriter raw(DumpKind kind, byte[] line) {
        int part = next[kind.ordinal()]++ % kind.fileNames().size();
        lines.get(offset(kind) + part).add(line);
        return this;
    }

    /** Into one file of its kind (0 to 9), for tests that need to know where a line is. */
    DumpWriter rawInto(DumpKind kind, int part, byte[] line) {
        lines.get(offset(kind) + part).add(line);
        return this;
    }

    /** {@code "a";"b";"c"} + LF, quotes in values doubled, in ISO-8859-1/windows-1252. */
    static byte[] line(String... fields) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            text.append(i == 0 ? "" : ";").append('"').append(fields[i].replace("\"", "\"\"")).append('"');
        }
        return text.append('\n').toString().getBytes(LATIN1);
    }

    /** Writes the 37 zips into {@code directory} (created), returns it. */
    Path writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            int index = 0;
            for (DumpKind kind : DumpKind.values()) {
                List<String> names = kind.fileNames();
                for (int part = 0; part < names.size(); part++) {
                    List<byte[]> content = lines.get(index++);
                    zip(directory.resolve(names.get(part)), entryName(kind, part, month), out -> {
                        for (byte[] line : content) {
                            write(out, line);
                        }
                    });
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inner file name, as in the Receita's zips: {@code K3241.K03200Y3.D61108.SOCIOCSV}. */
    static String entryName(DumpKind kind, int part, YearMonth month) {
        String date = String.format(Locale.ROOT, "D%d%02d08", month.getYear() % 10, month.getMonthValue());
        return kind == DumpKind.SIMPLES ? "F.K03200$W.SIMPLES.CSV." + date
                : "K3241.K03200Y" + part + "." + date + "." + kind.entryMarker();
    }

    /** One zip with one deflated entry, written as it is produced (fast compression: the generator is not the test). */
    static void zip(Path file, String entryName, Consumer<OutputStream> content) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry(entryName));
            BufferedOutputStream buffered = new BufferedOutputStream(zip, 1 << 16);
            content.accept(buffered);
            buffered.flush();
            zip.closeEntry();
        }
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int offset(DumpKind kind) {
        int offset = 0;
        for (DumpKind each : DumpKind.values()) {
            if (each == kind) {
                return offset;
            }
            offset += each.fileNames().size();
        }
        throw new IllegalArgumentException(kind.name());
    }
}
