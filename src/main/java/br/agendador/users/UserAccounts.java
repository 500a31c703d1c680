package br.agendador.users;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.Problems.FieldProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The users module's API: opening accounts, checking passwords, reading and changing profiles. */
@Service
public class UserAccounts {

    static final int MAX_NAME_LENGTH = 100;

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final ZoneId defaultZone;
    /** Compared against when the e-mail is unknown, so a login takes as long either way. */
    private final String decoyHash;

    UserAccounts(UserRepository users, PasswordEncoder passwords, Clock clock,
            @Value("${agendador.digest.default-zone:America/Sao_Paulo}") ZoneId defaultZone) {
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.decoyHash = passwords.encode("decoy-password-never-matches-1");
    }

    /** Opens an account with role USER; 400 for invalid input, 409 when the e-mail is taken. */
    @Transactional
    public UserAccount register(NewAccount request) {
        return register(request, Role.USER);
    }

    private UserAccount register(NewAccount request, Role role) {
        String email = EmailAddress.normalise(request.email());
        List<FieldProblem> errors = new ArrayList<>();
        String name = request.name().strip();
        checkName(name, errors);
        if (!EmailAddress.isValid(email)) {
            errors.add(FieldProblem.of("email", AccountProblem.EMAIL_INVALID));
        }
        PasswordPolicy.check(request.password(), email)
                .ifPresent(errors::add);
        ZoneId zone = request.timeZone() == null ? defaultZone : zone(request.timeZone(), errors);
        Language language = request.locale() == null ? Language.PT_BR : language(request.locale(), errors);
        if (!errors.isEmpty()) {
            throw Problems.invalid("The account could not be opened", errors);
        }
        return users.insert(email, name, passwords.encode(request.password()), role, zone, language, clock.instant())
                .orElseThrow(() -> Problems.conflict(AccountProblem.EMAIL_TAKEN, email));
    }

    /** The account whose password matches, or empty; takes the same time for unknown e-mails. */
    public Optional<UserAccount> authenticate(String email, String password) {
        Optional<UserRepository.StoredUser> stored = users.findByEmail(EmailAddress.normalise(email));
        if (stored.isEmpty()) {
            passwords.matches(password, decoyHash);
            return Optional.empty();
        }
        UserRepository.StoredUser user = stored.get();
        if (!passwords.matches(password, user.passwordHash())) {
            return Optional.empty();
        }
        if (passwords.upgradeEncoding(user.passwordHash())) {
            users.updatePasswordHash(user.account().id(), passwords.encode(password), clock.instant());
        }
        return Optional.of(user.account());
    }

    public Optional<UserAccount> find(long id) {
        return users.findById(id);
    }

    public Optional<UserAccount> findByEmail(String email) {
        return users.findByEmail(EmailAddress.normalise(email)).map(UserRepository.StoredUser::account);
    }

    /** Everyone who wants the daily summary. */
    public List<UserAccount> withDailyDigest() {
        return users.findAllWithDigest();
    }

    @Transactional
    public UserAccount updateProfile(long id, ProfileChange change) {
        UserAccount current = find(id).orElseThrow(() -> Problems.notFound(AccountProblem.NOT_FOUND));
        List<FieldProblem> errors = new ArrayList<>();
        String name = current.name();
        if (change.name() != null) {
            name = change.name().strip();
            checkName(name, errors);
        }
        ZoneId zone = change.timeZone() == null ? current.timeZone() : zone(change.timeZone(), errors);
        Language language = change.locale() == null ? current.language() : language(change.locale(), errors);
        boolean digest = change.dailyDigest() == null ? current.dailyDigest() : change.dailyDigest();
        JobMailChoice jobMails = change.jobMails() == null ? current.jobMails() : jobMails(change.jobMails(), errors);
        if (!errors.isEmpty()) {
            throw Problems.invalid("The profile could not be changed", errors);
        }
        UserAccount updated = new UserAccount(current.id(), current.email(), name, current.role(), zone, language,
                digest, jobMails, current.createdAt());
        users.update(updated, clock.instant());
        return updated;
    }

    /**
     * Makes sure the configured administrator exists: created when missing, promoted when it is
     * an ordinary account. Its password is only set at creation.
     */
    @Transactional
    public UserAccount ensureAdministrator(String email, String password) {
        Optional<UserAccount> existing = findByEmail(email);
        if (existing.isPresent()) {
            if (!existing.get().admin()) {
                users.promoteToAdmin(existing.get().id(), clock.instant());
            }
            return find(existing.get().id()).orElseThrow();
        }
        return register(new NewAccount("Administrador", email, password, null, null), Role.ADMIN);
    }

    private static void checkName(String name, List<FieldProblem> errors) {
        if (name.isBlank()) {
            errors.add(FieldProblem.of("name", AccountProblem.NAME_BLANK));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(FieldProblem.of("name", AccountProblem.NAME_TOO_LONG, MAX_NAME_LENGTH));
        }
    }

    private static @Nullable ZoneId zone(String value, List<FieldProblem> errors) {
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            errors.add(FieldProblem.of("timeZone", AccountProblem.TIME_ZONE, value));
            return null;
        }
    }

    private static @Nullable JobMailChoice jobMails(String value, List<FieldProblem> errors) {
        Optional<JobMailChoice> choice = JobMailChoice.parse(value);
        if (choice.isEmpty()) {
            errors.add(FieldProblem.of("jobMails", AccountProblem.JOB_MAILS));
        }
        return choice.orElse(null);
    }

    private static @Nullable Language language(String value, List<FieldProblem> errors) {
        Optional<Language> language = Language.parse(value);
        if (language.isEmpty()) {
            errors.add(FieldProblem.of("locale", AccountProblem.LOCALE));
        }
        return language.orElse(null);
    }
}
