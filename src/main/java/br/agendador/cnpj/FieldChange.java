package br.agendador.cnpj;

import org.jspecify.annotations.Nullable;

/**
 * One field that differs between two snapshots of a company, as text for people to read
 * ({@code registrationStatus: ATIVA -> INAPTA}, {@code simples.optant: true -> false}).
 */
public record FieldChange(String field, @Nullable String from, @Nullable String to) {
}
