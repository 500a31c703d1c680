package br.agendador.jobs;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import br.agendador.dispatch.JobFixtures;
import br.agendador.support.Api;
import br.agendador.support.Api.Response;
import br.agendador.support.Api.Session;
import br.agendador.support.IntegrationTest;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/exports/jobs.csv and .xlsx over HTTP: the list's filters, the user's zone, no formula that runs. */
@IntegrationTest
class JobExportsApiTests {

    private static final String HOSTILE = "=HYPERLINK(\"http://example.com/x\",\"clique\")";

    @Autowired
    Api api;

    private Session ana;

    @BeforeEach
    void anaWithFourJobs() {
        ana = api.newUser();
        Session beto = api.newUser();
        String csv = "cnpj,scheduledAt,priority,label\n"
                + JobFixtures.cnpj(1).value() + ",2099-12-01T09:30:00-03:00,5,\"" + HOSTILE.replace("\"", "\"\"") + "\"\n"
                + JobFixtures.cnpj(2).value() + ",2099-12-02T10:00:00-03:00,3,+SUM(1;2)\n"
                + JobFixtures.cnpj(3).value() + ",2099-12-03T11:00:00-03:00,1,\"Fornecedor, São Paulo\"\n"
                + JobFixtures.cnpj(4).value() + ",2099-12-04T12:00:00-03:00,2,@outro\n";
        for (Session user : List.of(ana, beto)) {
            Response created = api.send("POST", "/api/v1/jobs/bulk", csv, "text/csv", user.accessToken(), Map.of());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
    }

    @Test
    void csvHasTheFilteredJobsInTheUsersZoneWithFormulasMadeText() throws Exception {
        HttpResponse<byte[]> response = get("/api/v1/exports/jobs.csv?sort=scheduledAt,asc&to=2099-12-03");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment").contains("agendamentos-").endsWith(".csv\""));
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("\ufeffid,cnpj,label,status,priority,scheduledAt,startedAt,finishedAt,attempt,source,"
                + "legalName,registrationStatus,lastError\r\n");
        List<String> lines = body.lines().toList();
        assertThat(lines).as("the header and the three jobs up to December 3rd, not the 4th, not Beto's").hasSize(4);
        assertThat(lines.get(1)).contains(",00.000.001/0001-", ",\"'=HYPERLINK(\"\"http://example.com/x\"\",\"\"clique\"\")\",SCHEDULED,5,"
                + "2099-12-01 09:30:00,,,0,,,,");
        assertThat(lines.get(2)).as("quoted for its semicolon").contains(",\"'+SUM(1;2)\",");
        assertThat(lines.get(3)).contains(",\"Fornecedor, São Paulo\",SCHEDULED,1,2099-12-03 11:00:00,");
    }

    @Test
    void xlsxReadsBackWithTheSameRowsDatesAsDatesAndNoFormula() throws Exception {
        HttpResponse<byte[]> response = get("/api/v1/exports/jobs.xlsx?sort=scheduledAt,asc");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(JobExportController.XLSX);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).as("header + Ana's four jobs").isEqualTo(4);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertThat(header).isEqualTo(JobExports.COLUMNS);
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).as("row %d", row.getRowNum()).isNotEqualTo(CellType.FORMULA);
                }
            }
            Row first = sheet.getRow(1);
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo("'" + HOSTILE);
            assertThat(first.getCell(4).getNumericCellValue()).isEqualTo(5);
            assertThat(first.getCell(5).getLocalDateTimeCellValue()).as("in Ana's zone")
                    .isEqualTo(LocalDateTime.of(2099, 12, 1, 9, 30));
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("'+SUM(1;2)");
            assertThat(sheet.getRow(4).getCell(2).getStringCellValue()).isEqualTo("'@outro");
            assertThat(sheet.getRow(3).getCell(2).getStringCellValue()).isEqualTo("Fornecedor, São Paulo");
        }
    }

    @Test
    void aBadFilterIsAProblemNotAFile() throws Exception {
        HttpResponse<byte[]> response = get("/api/v1/exports/jobs.csv?status=DONE");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(get("/api/v1/exports/jobs.xlsx?from=2099-12-05&to=2099-12-01").statusCode()).isEqualTo(400);
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Authorization", "Bearer " + ana.accessToken()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
