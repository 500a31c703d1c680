package br.agendador.cnpj;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/** Situação cadastral at the Receita Federal. */
public enum RegistrationStatus {

    NULA(1), ATIVA(2), SUSPENSA(3), INAPTA(4), BAIXADA(8);

    private final int code;

    RegistrationStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The Receita's numeric code (1, 2, 3, 4, 8). */
    public static Optional<RegistrationStatus> ofCode(int code) {
        for (RegistrationStatus status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** "ATIVA", "Ativa", "ativa ", "Baixada", "2"... as providers write it. */
    public static Optional<RegistrationStatus> parse(String text) {
        String plain = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT);
        if (plain.chars().allMatch(Character::isDigit) && !plain.isEmpty()) {
            return ofCode(Integer.parseInt(plain));
        }
        for (RegistrationStatus status : values()) {
            if (plain.equals(status.name()) || plain.startsWith(status.name() + " ")) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
