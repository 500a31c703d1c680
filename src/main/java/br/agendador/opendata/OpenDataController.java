package br.agendador.opendata;

import java.net.URI;
import java.util.List;

import br.agendador.platform.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(value = "/api/v1/admin/open-data", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administration")
class OpenDataController {

    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final OpenDataImports imports;

    OpenDataController(OpenDataImports imports) {
        this.imports = imports;
    }

    /** @param month {@code YYYY-MM}; by default the {@code YYYY-MM} folder the source is named after */
    record ImportRequest(@NotBlank @Size(max = 2000) String source, @Nullable @Size(max = 7) String month) {
    }

    @GetMapping
    @Operation(summary = "The month of the Receita's open data being served locally",
            description = "What the latest successful import swapped in: its month and how many companies, establishments,"
                    + " partners and Simples records it holds. Lookups of these CNPJs are answered locally"
                    + " (`result.source = \"dadosabertos\"`, `result.dataAsOf` = the month's first day).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ServedData.class)))
    @ApiResponse(responseCode = "404", description = "Nothing has been imported yet",
            content = @Content(mediaType = PROBLEM))
    ServedData served() {
        return imports.served().orElseThrow(() -> Problems.notFound(OpenDataProblem.NOTHING_IMPORTED));
    }

    @PostMapping(value = "/imports", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Import a month of the Receita's CNPJ dump",
            description = "`source` is the absolute path of a directory holding the dump's 37 zips as downloaded"
                    + " (`Empresas0.zip` … `Qualificacoes.zip`), or the Receita's public share"
                    + " (`https://arquivos.receitafederal.gov.br/index.php/s/<token>`, optionally `?path=/2026-11`),"
                    + " from which the files are downloaded first. `month` (`YYYY-MM`) defaults to the `YYYY-MM`"
                    + " folder the source names. The source is checked before the import is accepted; the import then"
                    + " runs in the background in this process, and the previous month is served until it swaps in.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ImportRequest.class),
                    examples = @ExampleObject(value = "{\"source\": \"/srv/receita/2026-11\"}"))))
    @ApiResponse(responseCode = "202", description = "Accepted; `Location` is the import's URL",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = OpenDataImport.class)))
    @ApiResponse(responseCode = "400", description = "A missing or unreadable source, one without every file (the message"
            + " names what is missing) or no month", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "409", description = "Another import is running", content = @Content(mediaType = PROBLEM))
    ResponseEntity<OpenDataImport> start(@Valid @RequestBody ImportRequest request) {
        try {
            OpenDataImport started = imports.start(request.source(), request.month());
            return ResponseEntity.accepted().location(URI.create("/api/v1/admin/open-data/imports/" + started.id())).body(started);
        } catch (InvalidDump invalid) {
            throw Problems.badRequest(invalid.problem(), invalid.arguments());
        } catch (ImportAlreadyRunning running) {
            throw Problems.conflict(OpenDataProblem.ALREADY_RUNNING, running.which());
        }
    }

    @GetMapping("/imports")
    @Operation(summary = "The latest imports, newest first (without their rejected lines)")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = OpenDataImport.class))))
    List<OpenDataImport> list() {
        return imports.list();
    }

    @GetMapping("/imports/{id}")
    @Operation(summary = "One import: status, progress (rows, rows per second, ETA), files and the lines it could not read")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = OpenDataImport.class)))
    @ApiResponse(responseCode = "404", description = "No such import", content = @Content(mediaType = PROBLEM))
    OpenDataImport find(@PathVariable long id) {
        try {
            return imports.find(id);
        } catch (ImportNotFound missing) {
            throw Problems.notFound(OpenDataProblem.NOT_FOUND, missing.id());
        }
    }

    @DeleteMapping("/imports/{id}")
    @Operation(summary = "Cancel an import", description = "It stops soon (in whichever process runs it) and ends CANCELED;"
            + " the previous month stays served.")
    @ApiResponse(responseCode = "202", description = "Stopping", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = OpenDataImport.class)))
    @ApiResponse(responseCode = "404", description = "No such import", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "409", description = "It has already ended", content = @Content(mediaType = PROBLEM))
    ResponseEntity<OpenDataImport> cancel(@PathVariable long id) {
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(imports.cancel(id));
        } catch (ImportNotFound missing) {
            throw Problems.notFound(OpenDataProblem.NOT_FOUND, missing.id());
        } catch (ImportFinished finished) {
            throw Problems.conflict(OpenDataProblem.FINISHED, finished.id(), finished.status());
        }
    }
}
