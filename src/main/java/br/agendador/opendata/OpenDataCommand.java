package br.agendador.opendata;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar agendador-cnpj.jar import-open-data <directory> [--month=YYYY-MM] [--setting=value...]}:
 * imports a directory of the dump without serving HTTP, dispatching or scheduling (for cron), and
 * exits 0 once it is swapped in, 1 with the reason when it failed, 2 for a wrong command line.
 * The settings are the app's (the database above all); with the embedded database the app must
 * not be running on the same data directory (use the API or the admin page then).
 */
public final class OpenDataCommand {

    public static final String NAME = "import-open-data";

    private OpenDataCommand() {
    }

    /** Runs the command; returns the process's exit code. */
    public static int run(Class<?> application, String[] args) {
        String directory = null;
        String month = null;
        List<String> settings = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--month=")) {
                month = arg.substring("--month=".length());
            } else if (arg.startsWith("--")) {
                settings.add(arg);
            } else if (directory == null) {
                directory = arg;
            } else {
                return usage("one directory only, not also " + arg);
            }
        }
        if (directory == null) {
            return usage("which directory?");
        }
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(application)
                    // no dispatcher or scheduler, and no HTTP port (the web beans exist, unserved): this process only imports
                    .properties("agendador.roles=", "server.port=-1", "spring.main.banner-mode=off")
                    .run(settings.toArray(String[]::new));
        } catch (RuntimeException e) {
            System.err.println("Could not start: " + e.getMessage());
            return 1;
        }
        try {
            OpenDataImport done = context.getBean(OpenDataImports.class).runHere(directory, month);
            System.out.printf(Locale.ROOT, "Import %d of %s: %s, %,d rows, %,d rejected lines, peak heap %d MB%n", done.id(),
                    done.month(), done.status(), done.rows(), done.rejectedCount(), peakHeapMegabytes());
            done.rejected().stream().limit(20).forEach(line ->
                    System.out.printf(Locale.ROOT, "  rejected %s line %d: %s%n", line.file(), line.line(), line.reason()));
            if (done.status() != ImportStatus.SUCCEEDED) {
                System.err.println("Import failed: " + done.error());
                return 1;
            }
            return 0;
        } catch (InvalidDump | ImportAlreadyRunning refused) {
            System.err.println("Import refused: " + refused.getMessage());
            return 1;
        } finally {
            SpringApplication.exit(context);
        }
    }

    private static int usage(String problem) {
        System.err.println(problem + "\nUsage: java -jar agendador-cnpj.jar " + NAME
                + " <directory with the dump's zips> [--month=YYYY-MM] [--spring.datasource.url=...]");
        return 2;
    }

    /** The most the heap held at once, every pool together. */
    private static long peakHeapMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1024 / 1024;
    }
}
