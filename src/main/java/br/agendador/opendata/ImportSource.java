package br.agendador.opendata;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where an import reads the dump from: a directory holding the zips as downloaded, or the
 * Receita's public Nextcloud share ({@code https://arquivos.receitafederal.gov.br/index.php/s/<token>},
 * optionally with the month's folder: {@code ?path=/2026-11} or {@code .../s/<token>/2026-11}).
 */
sealed interface ImportSource {

    Pattern MONTH = Pattern.compile("(\\d{4}-\\d{2})");

    /** As the user gave it. */
    String text();

    /** The month the source names (a {@code YYYY-MM} directory or share folder), if any. */
    Optional<YearMonth> namedMonth();

    record Directory(Path path, String text) implements ImportSource {

        @Override
        public Optional<YearMonth> namedMonth() {
            Path name = path.getFileName();
            return name == null ? Optional.empty() : month(name.toString(), true);
        }
    }

    /**
     * @param base everything before {@code /index.php/s/} (or {@code /s/}): where {@code public.php} lives
     */
    record Share(URI base, String token, @Nullable YearMonth folder, String text) implements ImportSource {

        @Override
        public Optional<YearMonth> namedMonth() {
            return Optional.ofNullable(folder);
        }
    }

    static ImportSource parse(String text) {
        String given = text.strip();
        if (given.isEmpty()) {
            throw new InvalidDump(OpenDataProblem.SOURCE_EMPTY);
        }
        String lower = given.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return share(given);
        }
        Path path;
        try {
            path = Path.of(given);
        } catch (InvalidPathException e) {
            throw new InvalidDump(OpenDataProblem.SOURCE_BAD_PATH, given, e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new InvalidDump(OpenDataProblem.SOURCE_NOT_ABSOLUTE, given);
        }
        if (!Files.isDirectory(path)) {
            throw new InvalidDump(OpenDataProblem.SOURCE_NOT_DIRECTORY, given);
        }
        if (!Files.isReadable(path)) {
            throw new InvalidDump(OpenDataProblem.SOURCE_UNREADABLE, given);
        }
        return new Directory(path, given);
    }

    private static Share share(String given) {
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            throw new InvalidDump(OpenDataProblem.SOURCE_BAD_ADDRESS, given, e.getReason());
        }
        String host = uri.getHost();
        if (host == null) {
            throw new InvalidDump(OpenDataProblem.SOURCE_NO_HOST, given);
        }
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
        if (uri.getScheme().equalsIgnoreCase("http") && !loopback) {
            throw new InvalidDump(OpenDataProblem.SOURCE_NOT_HTTPS, given);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        Matcher token = Pattern.compile("^(.*?)(?:/index\\.php)?/s/([A-Za-z0-9]+)(/.*)?$").matcher(path);
        if (!token.matches()) {
            throw new InvalidDump(OpenDataProblem.SOURCE_NOT_A_SHARE, given);
        }
        String rest = token.group(3) == null ? "" : token.group(3);
        String query = uri.getRawQuery() == null ? "" : URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8);
        YearMonth folder = month(rest, false).or(() -> month(query, false)).orElse(null);
        URI base = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + token.group(1));
        return new Share(base, token.group(2), folder, given);
    }

    private static Optional<YearMonth> month(String text, boolean whole) {
        Matcher matcher = MONTH.matcher(text);
        if (whole ? !matcher.matches() : !matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(matcher.group(1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The month the user asked for, else the one the source names. */
    static YearMonth month(@Nullable String requested, ImportSource source) {
        if (requested != null && !requested.isBlank()) {
            try {
                return YearMonth.parse(requested.strip());
            } catch (DateTimeParseException e) {
                throw new InvalidDump(OpenDataProblem.MONTH_FORMAT, requested);
            }
        }
        return source.namedMonth().orElseThrow(() -> new InvalidDump(OpenDataProblem.MONTH_MISSING));
    }
}
