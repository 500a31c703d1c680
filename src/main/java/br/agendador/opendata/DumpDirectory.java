package br.agendador.opendata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A directory holding the dump's 37 zips as the Receita names them (names compared without case). */
final class DumpDirectory {

    private DumpDirectory() {
    }

    static List<String> expectedFiles() {
        List<String> names = new ArrayList<>();
        for (DumpKind kind : DumpKind.values()) {
            names.addAll(kind.fileNames());
        }
        return names;
    }

    /**
     * Every file of the dump, each one checked ({@link DumpZip#open}).
     *
     * @throws InvalidDump naming every missing file, or the first unreadable one
     */
    static List<DumpZip> check(Path directory) {
        Map<String, Path> present;
        try (Stream<Path> listing = Files.list(directory)) {
            present = listing.collect(Collectors.toMap(path -> path.getFileName().toString().toLowerCase(Locale.ROOT),
                    Function.identity(), (a, b) -> a));
        } catch (IOException e) {
            throw new InvalidDump(OpenDataProblem.DIRECTORY_UNREADABLE, directory, e.getMessage());
        }
        List<String> missing = new ArrayList<>();
        List<DumpZip> zips = new ArrayList<>();
        for (String name : expectedFiles()) {
            Path file = present.get(name.toLowerCase(Locale.ROOT));
            if (file == null) {
                missing.add(name);
            } else if (missing.isEmpty()) {
                zips.add(DumpZip.open(file, DumpKind.ofFile(name)));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidDump(OpenDataProblem.FILES_MISSING, directory, String.join(", ", missing));
        }
        return zips;
    }
}
