package br.agendador.lookup;

import java.util.List;

import br.agendador.lookup.ProviderHealth.ProviderStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/providers")
@Tag(name = "Administration")
class ProvidersController {

    private final ProviderHealth health;

    ProvidersController(ProviderHealth health) {
        this.health = health;
    }

    @GetMapping
    @Operation(summary = "Each CNPJ provider's health, circuit breaker, remaining rate budget and latest troubles",
            description = "In the order they are tried. Rate budget and pauses are shared by the whole cluster; the "
                    + "circuit is the latest state any process reported.")
    List<ProviderStatus> providers() {
        return health.providers();
    }
}
