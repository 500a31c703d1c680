package br.agendador.lookup;

import java.util.List;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.InvalidCnpjException;
import br.agendador.jobs.JobQueries;
import br.agendador.lookup.Snapshots.ChangeSet;
import br.agendador.platform.problem.Problems;
import br.agendador.platform.security.AuthenticatedUser;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/companies")
@Tag(name = "Companies", description = "What we know of the companies you looked up, and what changed")
class CompanyController {

    /** Enough for years of weekly lookups of a company that keeps changing. */
    private static final int HISTORY_LIMIT = 200;

    private final Snapshots snapshots;
    private final JobQueries jobs;

    CompanyController(Snapshots snapshots, JobQueries jobs) {
        this.snapshots = snapshots;
        this.jobs = jobs;
    }

    @GetMapping("/{cnpj}")
    @Operation(summary = "A company's latest snapshot and the history of its changes",
            description = "The CNPJ as digits (and letters), with or without dots and dash. Available once you have a "
                    + "SUCCEEDED job for it; 404 otherwise. `changes` are those of the latest snapshot; `history` lists "
                    + "every snapshot that brought changes, newest first.")
    CompanyJson company(AuthenticatedUser user, @PathVariable String cnpj) {
        Cnpj company;
        try {
            company = Cnpj.parse(cnpj);
        } catch (InvalidCnpjException e) {
            throw Problems.invalid("cnpj", e.problem(), e.arguments());
        }
        if (!jobs.hasSucceeded(user.id(), company.value())) {
            throw Problems.notFound(LookupProblem.NOT_LOOKED_UP, company.formatted());
        }
        CompanySnapshot current = snapshots.current(company)
                .orElseThrow(() -> Problems.notFound(LookupProblem.NO_SNAPSHOT, company.formatted()));
        return new CompanyJson(company.formatted(), current, snapshots.history(company, HISTORY_LIMIT));
    }

    /** The snapshot's fields as in a job's {@code result}, plus the formatted CNPJ and the change history. */
    record CompanyJson(String cnpjFormatted, @JsonUnwrapped CompanySnapshot snapshot, List<ChangeSet> history) {
    }
}
