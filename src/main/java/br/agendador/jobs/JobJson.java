package br.agendador.jobs;

import java.time.Instant;
import java.util.List;

import br.agendador.cnpj.Cnpj;
import br.agendador.cnpj.CompanySnapshot;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** A job as the API shows it. */
@Schema(name = "Job")
record JobJson(
        long id,
        @Schema(example = "11222333000181", description = "14 characters, no punctuation, upper case") String cnpj,
        @Schema(example = "11.222.333/0001-81") String cnpjFormatted,
        JobStatus status,
        @Schema(example = "3", description = "1 (lowest) to 5 (highest)") int priority,
        @Schema(example = "Fornecedor ACME") @Nullable String label,
        Recurrence recurrence,
        Instant scheduledAt,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Schema(description = "How many times the job has been started so far") int attempt,
        @Nullable String lastError,
        @Schema(description = "The company snapshot when SUCCEEDED, with what changed since the previous one")
        @Nullable CompanySnapshot result,
        @Schema(description = "Every run, oldest first (only when a single job is read)")
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<JobAttempt> attempts,
        @Schema(description = "The owner (administrators' lists only)")
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long userId) {

    static JobJson of(JobDetails job) {
        return of(job, null, null);
    }

    static JobJson withAttempts(JobDetails job, List<JobAttempt> attempts) {
        return of(job, attempts, null);
    }

    static JobJson withOwner(JobDetails job) {
        return of(job, null, job.userId());
    }

    private static JobJson of(JobDetails job, @Nullable List<JobAttempt> attempts, @Nullable Long userId) {
        return new JobJson(job.id(), job.cnpj(), new Cnpj(job.cnpj()).formatted(), job.status(), job.priority(),
                job.label(), job.recurrence(), job.scheduledAt(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.attempt(), job.lastError(), job.result(), attempts, userId);
    }

    /** A page of a list, in the shape clients of Spring Data pages know. */
    @Schema(name = "JobPage")
    record Page(List<JobJson> content, PageInfo page) {

        static Page of(JobPage page, java.util.function.Function<JobDetails, JobJson> json) {
            return new Page(page.content().stream().map(json).toList(),
                    new PageInfo(page.number(), page.size(), page.totalElements(), page.totalPages()));
        }
    }

    record PageInfo(int number, int size, long totalElements, int totalPages) {
    }
}
