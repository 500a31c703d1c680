package br.agendador.web;

import java.util.List;

import br.agendador.jobs.BulkResult;
import br.agendador.platform.problem.Problems;
import br.agendador.platform.problem.Problems.FieldProblem;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.web.ErrorResponseException;

/**
 * Why the bulk page did not schedule a row, or took no file at all, in the viewer's language: the
 * jobs module gives each problem a code and its arguments, translated under {@code problem.<code>}
 * (the English sentence is only the fallback for a code the page has no words for).
 */
final class BulkReasons {

    private BulkReasons() {
    }

    /** One message per problem of a rejected row. */
    static List<MessageSourceResolvable> ofRow(BulkResult.Rejected row) {
        return row.problems().stream().map(BulkReasons::of).toList();
    }

    /** Why a whole file was refused (400 or 413 from the jobs module). */
    static MessageSourceResolvable ofFile(ErrorResponseException refused) {
        String code = Problems.code(refused.getBody());
        String detail = refused.getBody().getDetail();
        return new DefaultMessageSourceResolvable(new String[] {"problem." + code},
                Problems.arguments(refused.getBody()).toArray(), detail == null ? code : detail);
    }

    private static MessageSourceResolvable of(FieldProblem problem) {
        return new DefaultMessageSourceResolvable(new String[] {problem.messageKey()}, problem.arguments().toArray(),
                problem.message());
    }
}
