package br.agendador.jobs;

import java.util.List;

import br.agendador.platform.problem.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;

/** How many jobs a bulk import created, and each row it did not, with why. */
public record BulkResult(int created, List<Rejected> rejected) {

    public BulkResult {
        rejected = List.copyOf(rejected);
    }

    /**
     * A row that was not stored: invalid, repeated in the upload, or already scheduled.
     *
     * @param error every problem in one English sentence, "cnpj: ...; priority: ..."
     * @param problems each problem with its field and code, for clients and pages that say it in other words
     */
    public record Rejected(int line, @Nullable String cnpj, String error, List<FieldProblem> problems) {

        public Rejected {
            problems = List.copyOf(problems);
        }

        Rejected(int line, @Nullable String cnpj, List<FieldProblem> problems) {
            this(line, cnpj, String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList()), problems);
        }

        static Rejected of(int line, @Nullable String cnpj, FieldProblem problem) {
            return new Rejected(line, cnpj, List.of(problem));
        }
    }
}
