package br.agendador.platform.deadletters;

import java.util.List;

/** One page of dead letters, newest first, with the total of the whole list. */
public record DeadLetterPage(List<DeadLetter> content, int number, int size, long totalElements) {

    public DeadLetterPage {
        content = List.copyOf(content);
    }

    public int totalPages() {
        return (int) ((totalElements + size - 1) / size);
    }
}
