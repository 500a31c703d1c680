package br.agendador.jobs;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many of a user's jobs are in each status over a period and per day. Days are the user's
 * calendar days (their time zone) and a job counts on the day it is scheduled for. Every status
 * is present in every count, in lifecycle order, with zero when no job has it.
 */
public record JobStats(LocalDate from, LocalDate to, String timeZone, Map<JobStatus, Long> totals, long total,
        List<Day> days) {

    public JobStats {
        totals = everyStatus(totals);
        days = List.copyOf(days);
    }

    public record Day(LocalDate date, Map<JobStatus, Long> counts, long total) {

        public Day {
            counts = everyStatus(counts);
        }
    }

    private static Map<JobStatus, Long> everyStatus(Map<JobStatus, Long> counts) {
        EnumMap<JobStatus, Long> all = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            all.put(status, counts.getOrDefault(status, 0L));
        }
        return Collections.unmodifiableMap(all);
    }
}
