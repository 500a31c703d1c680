package br.agendador.platform.deadletters;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Something the system gave up on and will not try again by itself: an administrator looks at
 * it, fixes the cause and retries by hand (or lets it be).
 *
 * @param id the item's id within its kind (a job or mail id, an event publication's UUID)
 * @param userId whom it concerns, when it concerns one user
 * @param reference what it was about, in a word: the job's CNPJ, the mail's key, the event's type
 * @param attempts how many times it was tried
 */
public record DeadLetter(DeadLetterKind kind, String id, @Nullable Long userId, String reference,
        @Nullable String error, int attempts, Instant failedAt) {
}
