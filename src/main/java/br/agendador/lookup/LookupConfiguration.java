package br.agendador.lookup;

import java.time.Clock;

import br.agendador.dispatch.CompanyLookup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LookupProperties.class)
class LookupConfiguration {

    @Bean
    ProviderClients providerClients(LookupProperties properties, Clock clock, ObjectProvider<ObservationRegistry> observations) {
        return ProviderClients.of(properties, clock, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    CompanyLookup companyLookup(ProviderClients providers, ProviderState state, ProviderCircuits circuits,
            Snapshots snapshots, FetchLeases leases, LookupProperties properties, ObjectProvider<MeterRegistry> meters,
            ObjectProvider<LocalRegister> register, Clock clock) {
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        ProviderFallback fallback = new ProviderFallback(providers.ordered(), state, circuits, properties, registry, clock);
        LocalLookup local = new LocalLookup(register.getIfAvailable(), registry, clock);
        return new CachingCompanyLookup(local, fallback, snapshots, leases, properties, clock);
    }
}
