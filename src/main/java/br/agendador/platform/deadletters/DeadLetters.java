package br.agendador.platform.deadletters;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.RequestProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Every module's dead letters as one list, newest first. Each source gives its newest items up
 * to the end of the page asked for and the pages are merged here, so the deepest page anyone
 * may ask for is bounded ({@link #MAX_DEPTH}): dead letters are for looking at, not for export.
 */
@Service
public class DeadLetters {

    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_DEPTH = 10_000;
    static final Comparator<DeadLetter> NEWEST_FIRST = Comparator.comparing(DeadLetter::failedAt).reversed()
            .thenComparing(DeadLetter::kind).thenComparing(DeadLetter::id, Comparator.reverseOrder());

    private final List<DeadLetterSource> sources;

    DeadLetters(List<DeadLetterSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * @param kind only this kind; all when null
     * @throws org.springframework.web.ErrorResponseException 400 for a negative page, a size out of
     *     1..100 or a page deeper than {@link #MAX_DEPTH} items
     */
    public DeadLetterPage page(@Nullable DeadLetterKind kind, int page, int size) {
        if (page < 0) {
            throw Problems.invalid("page", RequestProblem.PAGE_NEGATIVE, page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Problems.invalid("size", RequestProblem.SIZE_RANGE, MAX_PAGE_SIZE, size);
        }
        if ((long) (page + 1) * size > MAX_DEPTH) {
            throw Problems.invalid("page", RequestProblem.PAGE_TOO_FAR, MAX_DEPTH);
        }
        List<DeadLetterSource> chosen = sources.stream().filter(source -> kind == null || source.kind() == kind).toList();
        int end = (page + 1) * size;
        List<DeadLetter> content = chosen.stream().flatMap(source -> source.newest(end).stream())
                .sorted(NEWEST_FIRST).skip((long) page * size).limit(size).toList();
        long total = chosen.stream().mapToLong(DeadLetterSource::count).sum();
        return new DeadLetterPage(content, page, size, total);
    }

    /** How many there are of each kind, for an overview. */
    public List<KindCount> counts() {
        return Stream.of(DeadLetterKind.values())
                .map(kind -> new KindCount(kind, sources.stream().filter(s -> s.kind() == kind)
                        .mapToLong(DeadLetterSource::count).sum()))
                .toList();
    }

    public record KindCount(DeadLetterKind kind, long count) {
    }
}
