package br.agendador.jobs;

/**
 * What a change over a filtered set did.
 *
 * @param matched the jobs the filter matches, in any state
 * @param changed those changed (or, on a dry run, those that would be)
 * @param skipped the others: in a state the change does not apply to, or taken by a worker meanwhile
 */
public record JobActionResult(String action, long matched, long changed, long skipped, boolean dryRun) {
}
