package br.agendador.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import br.agendador.jobs.JobFilter;
import br.agendador.jobs.JobSort;
import br.agendador.jobs.JobStats;
import br.agendador.jobs.JobStatus;
import br.agendador.jobs.Jobs;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the home page shows a signed-in person about their jobs: how many in each status, the
 * lookups of the last 30 days per day and outcome (for the chart, as JSON in a data attribute),
 * the next ones due and the latest results.
 */
@Component
class Dashboard {

    static final int LIST_SIZE = 5;
    private static final Set<JobStatus> RESULTS = Set.of(JobStatus.SUCCEEDED, JobStatus.NOT_FOUND, JobStatus.FAILED);

    private final Jobs jobs;
    private final JsonMapper json;

    Dashboard(Jobs jobs, JsonMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    View of(long userId) {
        Map<JobStatus, Long> counts = jobs.countsByStatus(userId);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<JobRow> next = jobs.list(userId, JobFilter.all().withStatuses(Set.of(JobStatus.SCHEDULED)),
                new JobSort(JobSort.Field.SCHEDULED_AT, true), 0, LIST_SIZE).content().stream().map(JobRow::of).toList();
        List<JobRow> recent = jobs.list(userId, JobFilter.all().withStatuses(RESULTS), JobSort.DEFAULT, 0, LIST_SIZE)
                .content().stream().map(JobRow::of).toList();
        JobStats stats = jobs.stats(userId, null, null);
        Map<String, Long> period = new LinkedHashMap<>();
        stats.totals().forEach((status, count) -> period.put(status.name(), count));
        return new View(counts, total, next, recent, period, chart(stats));
    }

    /** {@code {"days": ["2026-11-01", ...], "series": {"SUCCEEDED": [0, 2, ...], ...}}} */
    private String chart(JobStats stats) {
        List<String> days = new ArrayList<>();
        Map<String, List<Long>> series = new LinkedHashMap<>();
        for (JobStatus status : JobStatus.values()) {
            series.put(status.name(), new ArrayList<>());
        }
        for (JobStats.Day day : stats.days()) {
            days.add(day.date().toString());
            day.counts().forEach((status, count) -> series.get(status.name()).add(count));
        }
        return json.writeValueAsString(Map.of("days", days, "series", series));
    }

    /**
     * @param period the last 30 days' jobs per status name (what the chart adds up to)
     * @param chart the chart's data as JSON
     */
    record View(Map<JobStatus, Long> counts, long total, List<JobRow> next, List<JobRow> recent,
            Map<String, Long> period, String chart) {
    }
}
