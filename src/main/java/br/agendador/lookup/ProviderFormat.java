package br.agendador.lookup;

import java.time.Instant;

import br.agendador.cnpj.Cnpj;
import br.agendador.lookup.ProviderAnswer.Missing;
import br.agendador.lookup.ProviderAnswer.Refused;

/**
 * How one provider writes its answers. The HTTP side (statuses, timeouts, HTML pages, rate limit
 * headers) is common to all and handled by {@link ProviderClient}; a format only reads bodies.
 */
interface ProviderFormat {

    /** The name used in settings and recorded as a snapshot's {@code source}. */
    String name();

    /**
     * Providers serving the same copy of the Receita's data share a dataset; a "not found" from one
     * of them is not a second opinion for another.
     */
    default String dataset() {
        return name();
    }

    /** Reads a 200 JSON answer: usually the company, but some providers put errors there too. */
    ProviderAnswer read(JsonFields body, Cnpj cnpj, Instant fetchedAt);

    /** Reads the JSON body of a 404. */
    default ProviderAnswer missing(JsonFields body) {
        return new Missing(message(body, "not found"));
    }

    /** Reads the JSON body of a 400: the provider calls the CNPJ invalid. */
    default ProviderAnswer refused(JsonFields body) {
        return new Refused(message(body, "refused the CNPJ"));
    }

    /** The human part of an error body, whichever field the provider puts it in. */
    static String message(JsonFields body, String otherwise) {
        for (String field : new String[] {"message", "detalhes", "error", "titulo"}) {
            String text = body.text(field);
            if (text != null) {
                return text.length() > 200 ? text.substring(0, 200) + "…" : text;
            }
        }
        return otherwise;
    }
}
