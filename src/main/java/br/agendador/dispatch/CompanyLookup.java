package br.agendador.dispatch;

import br.agendador.cnpj.Cnpj;

/**
 * Looks a company up wherever it can (the {@code lookup} module implements this). Called by a
 * worker outside any transaction; may take seconds. Must not throw for expected failures: it
 * answers with a {@link LookupOutcome}. An unexpected exception counts as a transient failure.
 */
public interface CompanyLookup {

    LookupOutcome lookup(Cnpj cnpj);
}
