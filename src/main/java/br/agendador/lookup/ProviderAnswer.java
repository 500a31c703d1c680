package br.agendador.lookup;

import java.time.Duration;

import br.agendador.cnpj.CompanySnapshot;
import org.jspecify.annotations.Nullable;

/** What one provider answered about one CNPJ. */
sealed interface ProviderAnswer {

    record Found(CompanySnapshot snapshot) implements ProviderAnswer {
    }

    /** The provider says no company has this CNPJ (in the data it serves). */
    record Missing(String detail) implements ProviderAnswer {
    }

    /** The provider will not look this CNPJ up (it calls it invalid, or cannot take its format). */
    record Refused(String detail) implements ProviderAnswer {
    }

    /** The provider asked us to slow down: it is left alone until {@code retryAfter} has passed. */
    record Throttled(@Nullable Duration retryAfter, String detail) implements ProviderAnswer {
    }

    /** Down, slow, or answering something we cannot read; worth trying another provider. */
    record Failed(String detail) implements ProviderAnswer {
    }
}
