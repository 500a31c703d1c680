package br.agendador.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.CompanySnapshot.Activity;
import br.agendador.cnpj.CompanySnapshot.Address;
import br.agendador.cnpj.CompanySnapshot.Partner;
import br.agendador.cnpj.CompanySnapshot.Regime;
import br.agendador.cnpj.FieldChange;
import br.agendador.cnpj.RegistrationStatus;
import br.agendador.jobs.JobDetails;
import br.agendador.jobs.JobFilter;
import br.agendador.jobs.JobPage;
import br.agendador.jobs.JobSort;
import br.agendador.jobs.JobStats;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
import br.agendador.jobs.Recurrence;
import org.jspecify.annotations.Nullable;

/** Jobs and companies as the web pages receive them from the jobs module (mocked in slice tests). */
final class WebJobFixtures {

    /** A valid numeric CNPJ: 11.222.333/0001-81. */
    static final String CNPJ = "11222333000181";
    static final Instant SCHEDULED_AT = Instant.parse("2026-11-25T18:30:00Z");

    private WebJobFixtures() {
    }

    static JobDetails job(long id, long userId, JobStatus status) {
        return job(id, userId, status, (CompanySnapshot) null);
    }

    static JobDetails job(long id, long userId, JobStatus status, @Nullable CompanySnapshot result) {
        boolean started = status != JobStatus.SCHEDULED && status != JobStatus.CANCELED;
        boolean finished = status.isFinished();
        return new JobDetails(id, userId, CNPJ, status, 4, "Fornecedor ACME", Recurrence.NONE, SCHEDULED_AT,
                SCHEDULED_AT.minusSeconds(3600), started ? SCHEDULED_AT.plusSeconds(1) : null,
                finished ? SCHEDULED_AT.plusSeconds(3) : null, started ? 1 : 0,
                status == JobStatus.FAILED ? "receitaws: HTTP 503" : null, result);
    }

    static CompanySnapshot company(List<FieldChange> changes) {
        return company(CNPJ, RegistrationStatus.ATIVA, "Avenida Paulista", changes);
    }

    /** A wholesaler in São Paulo, as BrasilAPI describes one. */
    static CompanySnapshot company(String cnpj, RegistrationStatus status, String street, List<FieldChange> changes) {
        return new CompanySnapshot(cnpj, "ACME Comércio de Parafusos Ltda", "ACME Parafusos", status,
                LocalDate.of(2005, 11, 3), null, LocalDate.of(1999, 4, 12), "206-2 - Sociedade Empresária Limitada",
                new Activity("4672900", "Comércio atacadista de ferragens e ferramentas"),
                List.of(new Activity("4744001", "Comércio varejista de ferragens e ferramentas")),
                new Address(street, "1000", "Conjunto 101", "Bela Vista", "São Paulo", "SP", "01310100"),
                "(11) 3000-0000", "contato@acme.com.br", new BigDecimal("150000.00"), "DEMAIS",
                new Regime(true, LocalDate.of(2007, 7, 1), null), new Regime(false, null, null),
                List.of(new Partner("Maria Souza", "49-Sócio-Administrador", LocalDate.of(1999, 4, 12))), List.of(),
                "brasilapi", LocalDate.of(2026, 11, 14), Instant.parse("2026-11-25T18:30:02Z"), changes);
    }

    static JobDetails job(long id, long userId, JobStatus status, Instant scheduledAt) {
        return new JobDetails(id, userId, "11222333000181", status, 3, "Fornecedor " + id, Recurrence.NONE,
                scheduledAt, scheduledAt.minusSeconds(3600), null, status.isFinished() ? scheduledAt : null, 1,
                status == JobStatus.FAILED ? "all providers failed" : null, null);
    }

    static JobPage page(JobDetails... jobs) {
        return new JobPage(List.of(jobs), 0, 20, jobs.length);
    }

    /** A user with no jobs at all: empty lists, zero counts, 30 empty days. */
    static void noJobs(Jobs jobs) {
        Map<JobStatus, Long> zero = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            zero.put(status, 0L);
        }
        when(jobs.countsByStatus(anyLong())).thenReturn(zero);
        when(jobs.list(anyLong(), any(JobFilter.class), any(JobSort.class), anyInt(), anyInt())).thenReturn(page());
        when(jobs.stats(anyLong(), isNull(), isNull())).thenReturn(stats(Map.of()));
    }

    static JobStats stats(Map<JobStatus, Long> today) {
        LocalDate last = LocalDate.of(2026, 11, 25);
        List<JobStats.Day> days = last.minusDays(29).datesUntil(last.plusDays(1))
                .map(day -> new JobStats.Day(day, day.equals(last) ? today : Map.of(),
                        day.equals(last) ? today.values().stream().mapToLong(Long::longValue).sum() : 0))
                .toList();
        return new JobStats(last.minusDays(29), last, "America/Manaus", today,
                today.values().stream().mapToLong(Long::longValue).sum(), days);
    }
}
