package br.agendador.jobs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's jobs, as a list filter and sort select them, written as CSV or XLSX while they are
 * read (a cursor in a read-only transaction, a window of {@value #XLSX_WINDOW} rows for XLSX), so
 * 100,000 jobs take no more memory than 100. Times are in the user's zone. A text cell that a
 * spreadsheet would run as a formula ({@code = + - @}, a tab or a carriage return first) is
 * written with a leading apostrophe, as OWASP advises, so a label or a company name cannot run.
 */
@Service
public class JobExports {

    /** The API's field names, so a file exported can be read by the same scripts as the API. */
    static final List<String> COLUMNS = List.of("id", "cnpj", "label", "status", "priority", "scheduledAt", "startedAt",
            "finishedAt", "attempt", "source", "legalName", "registrationStatus", "lastError");
    private static final int XLSX_WINDOW = 100;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The two file formats, with their media type and file name extension. */
    public enum Format {
        CSV("text/csv;charset=UTF-8", "csv"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private final JobRepository jobs;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    JobExports(JobRepository jobs, TransactionTemplate transactions, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    /** The checked query of an export: a 400 for a bad filter comes before anything is written. */
    public Export prepare(long userId, JobFilter filter, JobSort sort, ZoneId zone) {
        return new Export(JobListQuery.checked(userId, filter, sort), zone);
    }

    public void write(Export export, Format format, OutputStream out) {
        switch (format) {
            case CSV -> csv(export, out);
            case XLSX -> xlsx(export, out);
        }
    }

    /** {@code agendamentos-2026-12-07.csv}, dated in the user's zone. */
    public String fileName(Export export, Format format) {
        return "agendamentos-" + LocalDate.ofInstant(clock.instant(), export.zone()) + "." + format.extension;
    }

    /** UTF-8 with a byte order mark (so Excel reads the accents), comma-separated, quoted where needed. */
    void csv(Export export, OutputStream out) {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        try {
            writer.write('\ufeff');
            writer.write(String.join(",", COLUMNS));
            writer.write("\r\n");
            each(export, values -> {
                try {
                    for (int i = 0; i < values.size(); i++) {
                        if (i > 0) {
                            writer.write(',');
                        }
                        writer.write(csvField(values.get(i)));
                    }
                    writer.write("\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One sheet, a bold header, times as date cells; numbers as numbers, everything else as text. */
    void xlsx(Export export, OutputStream out) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(XLSX_WINDOW);
        try {
            Sheet sheet = workbook.createSheet("jobs");
            CellStyle header = workbook.createCellStyle();
            var bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle time = workbook.createCellStyle();
            time.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            Row first = sheet.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                first.createCell(i).setCellValue(COLUMNS.get(i));
                first.getCell(i).setCellStyle(header);
            }
            int[] next = {1};
            each(export, values -> {
                Row row = sheet.createRow(next[0]++);
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (value instanceof Number number) {
                        row.createCell(i).setCellValue(number.doubleValue());
                    } else if (value instanceof LocalDateTime when) {
                        row.createCell(i).setCellValue(when);
                        row.getCell(i).setCellStyle(time);
                    } else if (value != null) {
                        row.createCell(i).setCellValue(neutralised(value.toString()));
                    }
                }
            });
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // the temporary files are gone with dispose()
            }
        }
    }

    private void each(Export export, java.util.function.Consumer<List<@Nullable Object>> row) {
        readOnly.executeWithoutResult(status -> jobs.stream(export.query(), job -> row.accept(values(job, export.zone()))));
    }

    private static List<@Nullable Object> values(JobDetails job, ZoneId zone) {
        CompanySnapshot company = job.result();
        return new ArrayList<>(Arrays.asList(job.id(), new Cnpj(job.cnpj()).formatted(), job.label(), job.status().name(),
                job.priority(), local(job.scheduledAt(), zone), local(job.startedAt(), zone), local(job.finishedAt(), zone),
                job.attempt(), company == null ? null : company.source(), company == null ? null : company.legalName(),
                company == null || company.registrationStatus() == null ? null : company.registrationStatus().name(),
                job.lastError()));
    }

    private static @Nullable LocalDateTime local(@Nullable Instant instant, ZoneId zone) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, zone).withNano(0);
    }

    static String csvField(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof LocalDateTime when ? LOCAL.format(when)
                : value instanceof Number ? value.toString() : neutralised(value.toString());
        boolean quoted = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0 || text.indexOf(';') >= 0;
        return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** A text a spreadsheet would take for a formula, made plain text. */
    static String neutralised(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    /** What to export, checked. */
    public record Export(JobListQuery query, ZoneId zone) {
    }
}
