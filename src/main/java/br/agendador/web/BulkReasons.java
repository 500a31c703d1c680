package br.agendador.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * The jobs module explains a rejected bulk row, or a refused file, in English for API clients
 * ("cnpj: check digits do not match; priority: ..."); the bulk page says it in the viewer's
 * language. Each known sentence becomes a message key with the sentence's variable parts as
 * arguments; an unknown one is shown as it is, rather than hidden.
 */
final class BulkReasons {

    /** Between the problems of one row: "cnpj: ...; priority: ...". */
    private static final Pattern NEXT_FIELD = Pattern.compile("; (?=(cnpj|scheduledAt|priority|label|recurrence): )");
    private static final Pattern FIELD = Pattern.compile("^(cnpj|scheduledAt|priority|label|recurrence): (.*)$",
            Pattern.DOTALL);

    private static final List<Rule> ROW_RULES = List.of(
            new Rule("repeats the CNPJ of line (\\d+)", "bulk.reason.repeated"),
            new Rule("a SCHEDULED job for this CNPJ already exists \\(job (\\d+)\\)", "bulk.reason.alreadyScheduled"),
            new Rule("the line has (\\d+) values but the header has (\\d+) columns.*", "bulk.reason.extraValues"),
            new Rule("cnpj: is required", "bulk.reason.cnpj.required"),
            new Rule("scheduledAt: is in the past.*", "bulk.reason.scheduledAt.past"),
            new Rule("scheduledAt: '(.*)' is not a date-time.*", "bulk.reason.scheduledAt.format"),
            new Rule("priority: must be between 1 \\(lowest\\) and 5 \\(highest\\), not (-?\\d+)", "bulk.reason.priority.range"),
            new Rule("priority: '(.*)' is not a whole number from 1 to 5", "bulk.reason.priority.format"),
            new Rule("label: must have at most (\\d+) characters, not (\\d+)", "bulk.reason.label.tooLong"),
            new Rule("label: must be a single line of text without control characters", "bulk.reason.label.controlCharacters"),
            new Rule("recurrence: '(.*)' is not one of .*", "bulk.reason.recurrence"));

    private static final List<Rule> FILE_RULES = List.of(
            new Rule("The CSV file is empty.*", "bulk.problem.empty"),
            new Rule("The CSV header has no 'cnpj' column.*", "bulk.problem.noCnpjColumn"),
            new Rule("The CSV header has unknown columns (.*); the columns are.*", "bulk.problem.unknownColumns"),
            new Rule("The CSV header names the column '(.*)' twice", "bulk.problem.repeatedColumn"),
            new Rule("The CSV file could not be read.*", "bulk.problem.unreadable"),
            new Rule("The import has no rows.*", "bulk.problem.noRows"),
            new Rule("A bulk import takes at most .*", "bulk.problem.tooManyRows"));

    private BulkReasons() {
    }

    /** One message per problem of a rejected row. */
    static List<MessageSourceResolvable> ofRow(String error) {
        List<MessageSourceResolvable> reasons = new ArrayList<>();
        for (String part : NEXT_FIELD.split(error)) {
            reasons.add(translate(part, ROW_RULES).orElseGet(() -> cnpj(part)));
        }
        return reasons;
    }

    /** Why a whole file was refused (400 or 413 from the jobs module). */
    static MessageSourceResolvable ofFile(String detail) {
        return translate(detail, FILE_RULES).orElseGet(() -> literal(detail));
    }

    /** An invalid CNPJ: the same four messages the CNPJ checker uses. */
    private static MessageSourceResolvable cnpj(String part) {
        Matcher field = FIELD.matcher(part);
        if (field.matches() && field.group(1).equals("cnpj")) {
            return new DefaultMessageSourceResolvable(new String[] {CnpjCheck.problemKey(field.group(2))}, part);
        }
        return literal(part);
    }

    private static java.util.Optional<MessageSourceResolvable> translate(String text, List<Rule> rules) {
        for (Rule rule : rules) {
            Matcher matcher = rule.pattern().matcher(text.strip());
            if (matcher.matches()) {
                Object[] arguments = new Object[matcher.groupCount()];
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = matcher.group(i + 1);
                }
                return java.util.Optional.of(new DefaultMessageSourceResolvable(new String[] {rule.key()}, arguments, text));
            }
        }
        return java.util.Optional.empty();
    }

    private static MessageSourceResolvable literal(String text) {
        return new DefaultMessageSourceResolvable(new String[0], text);
    }

    private record Rule(Pattern pattern, String key) {

        Rule(String regex, String key) {
            this(Pattern.compile(regex, Pattern.DOTALL), key);
        }
    }
}
