package br.agendador.dispatch;

import java.time.Duration;

import br.agendador.cnpj.CompanySnapshot;
import org.jspecify.annotations.Nullable;

/** How a lookup ended. */
public sealed interface LookupOutcome {

    /** The company exists; its snapshot (with changes since the last one) becomes the job's result. */
    record Found(CompanySnapshot snapshot) implements LookupOutcome {
    }

    /** A provider said clearly that no company has this CNPJ: the job ends NOT_FOUND, no retry. */
    record NotFound(String source, String detail) implements LookupOutcome {
    }

    /**
     * Worth trying again later (timeouts, 5xx, rate limits, every provider down).
     *
     * @param retryAfter the earliest sensible retry, when a provider said (Retry-After)
     */
    record TransientFailure(String error, @Nullable Duration retryAfter) implements LookupOutcome {
    }

    /** Retrying will not help: the job ends FAILED. */
    record PermanentFailure(String error) implements LookupOutcome {
    }
}
