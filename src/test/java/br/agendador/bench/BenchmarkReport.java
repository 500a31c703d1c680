package br.agendador.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Prints a benchmark's figures and keeps them in {@code target/benchmarks/<name>.txt}. */
public final class BenchmarkReport {

    private final String name;
    private final StringBuilder text = new StringBuilder();

    public BenchmarkReport(String name) {
        this.name = name;
    }

    public BenchmarkReport line(String format, Object... args) {
        String line = String.format(java.util.Locale.ROOT, format, args);
        System.out.println(line);
        text.append(line).append('\n');
        return this;
    }

    public void write() {
        try {
            Path dir = Path.of("target", "benchmarks");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value below which {@code p} percent of the samples fall (nearest rank). */
    public static double percentile(double[] samples, double p) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
