package br.agendador.users;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import br.agendador.platform.problem.Problems.FieldProblem;

/**
 * Minimum strength for passwords: long enough, not only letters or only digits, not the e-mail,
 * not one of the passwords every list of leaked passwords starts with. Bcrypt reads at most 72
 * bytes, so longer passwords are refused rather than silently truncated.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;

    private static final Set<String> COMMON = Set.of("1234567890", "12345678910", "0123456789", "qwertyuiop",
            "password123", "password12", "senha12345", "senha123456", "1q2w3e4r5t", "qwerty1234", "abc1234567",
            "iloveyou12", "admin12345", "brasil1234", "mudar12345", "trocar1234", "changeme12");

    private PasswordPolicy() {
    }

    /** Why the password is refused, or empty when it is acceptable. */
    static Optional<FieldProblem> check(String password, String email) {
        if (password.length() < MIN_LENGTH) {
            return problem(AccountProblem.PASSWORD_TOO_SHORT, MIN_LENGTH);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return problem(AccountProblem.PASSWORD_TOO_LONG, MAX_BYTES);
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean other = password.chars().anyMatch(c -> !Character.isLetter(c));
        if (!letter || !other) {
            return problem(AccountProblem.PASSWORD_NOT_MIXED);
        }
        if (password.chars().distinct().count() < 4) {
            return problem(AccountProblem.PASSWORD_REPETITIVE);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return problem(AccountProblem.PASSWORD_COMMON);
        }
        String local = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        if (local.length() >= 4 && lower.contains(local.toLowerCase(Locale.ROOT))) {
            return problem(AccountProblem.PASSWORD_CONTAINS_EMAIL);
        }
        return Optional.empty();
    }

    private static Optional<FieldProblem> problem(AccountProblem problem, Object... arguments) {
        return Optional.of(FieldProblem.of("password", problem, arguments));
    }
}
