package br.agendador.lookup;

import java.time.Clock;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;

/** The configured providers, in the order they are tried, each with its HTTP client. */
final class ProviderClients implements AutoCloseable {

    private final List<ProviderClient> ordered;

    private ProviderClients(List<ProviderClient> ordered) {
        this.ordered = List.copyOf(ordered);
    }

    static ProviderClients of(LookupProperties properties, Clock clock, ObservationRegistry observations) {
        return new ProviderClients(properties.ordered().entrySet().stream()
                .map(provider -> new ProviderClient(format(provider.getKey()), provider.getValue(), properties.userAgent(),
                        clock, observations))
                .toList());
    }

    List<ProviderClient> ordered() {
        return ordered;
    }

    static ProviderFormat format(String provider) {
        return switch (provider) {
            case "brasilapi" -> MinhaReceitaFormat.brasilApi();
            case "minhareceita" -> MinhaReceitaFormat.minhaReceita();
            case "opencnpj" -> new OpenCnpjFormat();
            case "cnpjws" -> new CnpjWsFormat();
            case "cnpja" -> new CnpjaFormat();
            case "receitaws" -> new ReceitaWsFormat();
            default -> throw new IllegalArgumentException("Unknown provider '" + provider + "'");
        };
    }

    @Override
    public void close() {
        ordered.forEach(ProviderClient::close);
    }
}
