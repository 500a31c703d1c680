package br.agendador.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import br.agendador.jobs.JobDetails;
import br.agendador.jobs.JobFilter;
import br.agendador.jobs.JobPage;
import br.agendador.jobs.JobSort;
import br.agendador.jobs.JobStats;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
import br.agendador.jobs.Recurrence;

/** Jobs as the mocked {@link Jobs} of web slice tests answers them. */
final class WebJobFixtures {

    private WebJobFixtures() {
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
