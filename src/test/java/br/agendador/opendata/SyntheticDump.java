package br.agendador.opendata;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import br.agendador.support.CheckDigits;

/**
 * A dump of any size in the official layout, for the benchmark: deterministic rows whose fields
 * are about as long as the real ones (an establishment line is ~250 bytes, as in the Receita's
 * files), written straight to the zips. Companies are numbered; the first ones have a branch, a
 * partner and a Simples record, as many as asked. Written once per size into a folder that says
 * so, and reused.
 */
final class SyntheticDump {

    private static final String[] STREETS = {"RUA", "AVENIDA", "TRAVESSA", "ALAMEDA", "RODOVIA", "PRACA"};
    private static final String[] NAMES = {"SÃO JOÃO", "DAS FLORES", "BRASIL", "PAULISTA", "GETÚLIO VARGAS", "XV DE NOVEMBRO",
            "DOS ANDRADAS", "MARECHAL DEODORO", "SANTA CATARINA", "DA CONCEIÇÃO"};
    private static final String[] DISTRICTS = {"CENTRO", "JARDIM AMÉRICA", "VILA NOVA", "BELA VISTA", "SANTA CECÍLIA"};
    private static final String[] PEOPLE = {"MARIA", "JOSÉ", "ANA", "JOÃO", "ANTÔNIO", "FRANCISCA", "CARLOS", "PAULO"};
    private static final String[] SURNAMES = {"SILVA", "SANTOS", "OLIVEIRA", "SOUZA", "PEREIRA", "LIMA", "CONCEIÇÃO", "ARAÚJO"};
    private static final int[] CNAES = {4711302, 5611201, 4781400, 9602501, 4744099, 8219999, 4520001, 6201501, 4930202, 7319002};
    private static final int[] CITIES = {7107, 6001, 4123, 9701, 5403, 8105, 2927, 4205};
    private static final String[] STATES = {"SP", "RJ", "MG", "DF", "BA", "PR", "RS", "PE"};

    private SyntheticDump() {
    }

    /** The dump, from its folder when already written with these sizes. */
    static Path at(Path parent, YearMonth month, int establishments, int companies, int partners, int simples) {
        Path directory = parent.resolve(String.format(Locale.ROOT, "%s-e%d-c%d-p%d-s%d", month, establishments, companies,
                partners, simples)).resolve(month.toString());
        Path done = directory.resolve(".complete");
        if (Files.exists(done)) {
            return directory;
        }
        try {
            Files.createDirectories(directory);
            List<Runnable> files = new ArrayList<>();
            spread(files, directory, month, DumpKind.EMPRESAS, companies, SyntheticDump::company);
            spread(files, directory, month, DumpKind.ESTABELECIMENTOS, establishments, i -> establishment(i, companies));
            spread(files, directory, month, DumpKind.SOCIOS, partners, SyntheticDump::partner);
            spread(files, directory, month, DumpKind.SIMPLES, simples, SyntheticDump::simples);
            files.add(() -> codes(directory, month));
            ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            List<Future<?>> written = new ArrayList<>();
            files.forEach(file -> written.add(pool.submit(file)));
            for (Future<?> file : written) {
                file.get();
            }
            pool.shutdown();
            Files.writeString(done, "");
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CNPJ of the {@code index}-th establishment (the root's head office, or its branch 0002). */
    static String cnpj(int index, int companies) {
        String root = root(index % companies);
        String base = root + (index < companies ? "0001" : "0002");
        return base + CheckDigits.of(base);
    }

    private static String root(int company) {
        return String.format(Locale.ROOT, "%08d", 10_000_000 + company);
    }

    private static void spread(List<Runnable> files, Path directory, YearMonth month, DumpKind kind, int rows,
            IntFunction<byte[]> line) {
        List<String> names = kind.fileNames();
        for (int part = 0; part < names.size(); part++) {
            int first = part;
            Path file = directory.resolve(names.get(part));
            String entry = DumpWriter.entryName(kind, part, month);
            files.add(() -> zip(file, entry, out -> {
                for (int i = first; i < rows; i += names.size()) {
                    write(out, line.apply(i));
                }
            }));
        }
    }

    private static byte[] company(int i) {
        return DumpWriter.line(root(i), "EMPRESA " + i + " " + SURNAMES[i % 8] + " COMÉRCIO E SERVIÇOS LTDA",
                i % 5 == 0 ? "2135" : "2062", "49", (i % 100_000) + "," + String.format(Locale.ROOT, "%02d", i % 100),
                i % 3 == 0 ? "01" : i % 3 == 1 ? "03" : "05", "");
    }

    private static byte[] establishment(int i, int companies) {
        String cnpj = cnpj(i, companies);
        int company = i % companies;
        return DumpWriter.line(cnpj.substring(0, 8), cnpj.substring(8, 12), cnpj.substring(12), i < companies ? "1" : "2",
                i % 4 == 0 ? "" : "LOJA " + NAMES[i % 10], i % 7 == 0 ? "08" : "02", date(i), i % 7 == 0 ? "01" : "00", "", "",
                date(i * 31), Integer.toString(CNAES[i % 10]), i % 2 == 0 ? CNAES[(i + 3) % 10] + "," + CNAES[(i + 5) % 10] : "",
                STREETS[i % 6], NAMES[(i / 10) % 10], Integer.toString(1 + i % 3000), i % 3 == 0 ? "SALA " + (i % 90) : "",
                DISTRICTS[i % 5], String.format(Locale.ROOT, "%08d", 1_000_000 + (i * 7919) % 98_000_000), STATES[i % 8],
                Integer.toString(CITIES[i % 8]), "11", Integer.toString(30_000_000 + company % 60_000_000), "", "", "", "",
                "contato" + company + "@empresa" + (company % 1000) + ".com.br", "", "");
    }

    private static byte[] partner(int i) {
        return DumpWriter.line(root(i), "2", PEOPLE[i % 8] + " " + SURNAMES[(i / 8) % 8] + " " + SURNAMES[i % 8],
                "***" + String.format(Locale.ROOT, "%06d", i % 1_000_000) + "**", "49", date(i * 13), "", "***000000**", "",
                "00", Integer.toString(1 + i % 9));
    }

    private static byte[] simples(int i) {
        boolean out = i % 4 == 0;
        return DumpWriter.line(root(i), "S", date(i * 17), out ? date(i * 17 + 400) : "00000000", i % 5 == 0 ? "S" : "N",
                i % 5 == 0 ? date(i * 19) : "00000000", "00000000");
    }

    private static String date(int seed) {
        int day = Math.floorMod(seed, 9000);
        return java.time.LocalDate.of(2000, 1, 1).plusDays(day).toString().replace("-", "");
    }

    private static void codes(Path directory, YearMonth month) {
        DumpWriter codes = new DumpWriter(month);
        for (int cnae : CNAES) {
            codes.row(DumpKind.CNAES, Integer.toString(cnae), "Atividade " + cnae + " e serviços relacionados");
        }
        codes.row(DumpKind.MOTIVOS, "00", "SEM MOTIVO").row(DumpKind.MOTIVOS, "01", "EXTINCAO POR ENCERRAMENTO LIQUIDACAO VOLUNTARIA");
        for (int c = 0; c < CITIES.length; c++) {
            codes.row(DumpKind.MUNICIPIOS, Integer.toString(CITIES[c]), "CIDADE " + STATES[c]);
        }
        codes.row(DumpKind.NATUREZAS, "2062", "Sociedade Empresária Limitada").row(DumpKind.NATUREZAS, "2135", "Empresário (Individual)");
        codes.row(DumpKind.PAISES, "105", "BRASIL");
        codes.row(DumpKind.QUALIFICACOES, "49", "Sócio-Administrador");
        Path temporary = directory.resolve(".codes");
        codes.writeTo(temporary);
        try {
            for (DumpKind kind : DumpKind.values()) {
                if (!kind.isRegister()) {
                    Files.move(temporary.resolve(kind.fileNames().getFirst()), directory.resolve(kind.fileNames().getFirst()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            try (var left = Files.list(temporary)) {
                for (Path file : left.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(temporary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void zip(Path file, String entry, java.util.function.Consumer<OutputStream> content) {
        try {
            DumpWriter.zip(file, entry, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream out, byte[] line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
