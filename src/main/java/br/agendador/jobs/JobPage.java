package br.agendador.jobs;

import java.util.List;

/** One page of a job list, with the totals for the whole filter. */
public record JobPage(List<JobDetails> content, int number, int size, long totalElements) {

    public JobPage {
        content = List.copyOf(content);
    }

    public int totalPages() {
        return (int) ((totalElements + size - 1) / size);
    }
}
