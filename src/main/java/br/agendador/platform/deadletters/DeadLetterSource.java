package br.agendador.platform.deadletters;

import java.util.List;

/**
 * One module's dead letters, read from its own tables; {@link DeadLetters} gathers every
 * module's, so no module reads another's tables.
 */
public interface DeadLetterSource {

    DeadLetterKind kind();

    long count();

    /** The {@code limit} most recent, newest first (then highest id). */
    List<DeadLetter> newest(int limit);
}
