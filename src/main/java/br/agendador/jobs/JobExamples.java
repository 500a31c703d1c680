package br.agendador.jobs;

/**
 * Examples for the OpenAPI description of the jobs API. Request examples schedule in 2099, so that
 * sending them as they are keeps working (a job in the past is refused).
 */
final class JobExamples {

    static final String CREATE = """
            {"cnpj": "11.222.333/0001-81", "scheduledAt": "2099-12-01T09:30:00-03:00", "priority": 4,
             "label": "Fornecedor ACME", "recurrence": "MONTHLY"}""";
    static final String CREATE_MINIMAL = """
            {"cnpj": "12ABC34501DE35"}""";
    static final String PATCH = """
            {"scheduledAt": "2099-12-02T08:00:00-03:00", "priority": 5}""";
    static final String PATCH_REMOVE_LABEL = """
            {"label": null}""";
    static final String JOB = """
            {"id": 42, "cnpj": "11222333000181", "cnpjFormatted": "11.222.333/0001-81", "status": "SCHEDULED",
             "priority": 4, "label": "Fornecedor ACME", "recurrence": "MONTHLY",
             "scheduledAt": "2026-12-01T12:30:00Z", "createdAt": "2026-11-25T14:02:11.123456Z",
             "startedAt": null, "finishedAt": null, "attempt": 0, "lastError": null, "result": null}""";
    static final String JOB_WITH_ATTEMPTS = """
            {"id": 42, "cnpj": "11222333000181", "cnpjFormatted": "11.222.333/0001-81", "status": "NOT_FOUND",
             "priority": 3, "label": null, "recurrence": "NONE", "scheduledAt": "2026-12-01T12:30:00Z",
             "createdAt": "2026-11-25T14:02:11.123456Z", "startedAt": "2026-12-01T12:30:00.412Z",
             "finishedAt": "2026-12-01T12:30:01.020Z", "attempt": 1, "lastError": null, "result": null,
             "attempts": [{"attempt": 1, "workerId": "host-a/1234", "startedAt": "2026-12-01T12:30:00.412Z",
                           "finishedAt": "2026-12-01T12:30:01.020Z", "outcome": "NOT_FOUND",
                           "provider": "brasilapi", "error": null}]}""";
    static final String PAGE = """
            {"content": [""" + JOB + """
            ], "page": {"number": 0, "size": 20, "totalElements": 1, "totalPages": 1}}""";
    static final String BULK_CSV = """
            cnpj,scheduledAt,priority,label
            11.222.333/0001-81,2099-12-01T09:30:00-03:00,4,Fornecedor ACME
            11444777000161,,,
            12.ABC.345/01DE-35,2099-12-01T10:00:00-03:00,2,"Filial, Recife"
            11.222.333/0001-00,,,digitado errado
            """;
    static final String BULK_JSON = """
            [{"cnpj": "11.222.333/0001-81", "scheduledAt": "2099-12-01T09:30:00-03:00", "priority": 4},
             {"cnpj": "11444777000161", "label": "Cliente"},
             {"cnpj": "11.222.333/0001-00"}]""";
    static final String BULK_RESULT = """
            {"created": 3, "rejected": [{"line": 5, "cnpj": "11.222.333/0001-00",
              "error": "cnpj: check digits do not match: expected 81, got 00",
              "problems": [{"field": "cnpj", "code": "cnpj.checkDigits",
                            "message": "check digits do not match: expected 81, got 00", "arguments": ["81", "00"]}]}]}""";
    static final String STATS = """
            {"from": "2026-11-24", "to": "2026-11-25", "timeZone": "America/Sao_Paulo",
             "totals": {"SCHEDULED": 3, "RUNNING": 0, "SUCCEEDED": 12, "NOT_FOUND": 1, "FAILED": 1, "CANCELED": 0},
             "total": 17,
             "days": [{"date": "2026-11-24", "counts": {"SCHEDULED": 0, "RUNNING": 0, "SUCCEEDED": 7, "NOT_FOUND": 1,
                        "FAILED": 0, "CANCELED": 0}, "total": 8},
                      {"date": "2026-11-25", "counts": {"SCHEDULED": 3, "RUNNING": 0, "SUCCEEDED": 5, "NOT_FOUND": 0,
                        "FAILED": 1, "CANCELED": 0}, "total": 9}]}""";
    static final String INVALID_CNPJ = """
            {"type": "https://agendador.br/problems/validation", "title": "Invalid request", "status": 400,
             "detail": "The job could not be scheduled: cnpj: check digits do not match: expected 81, got 00",
             "instance": "/api/v1/jobs", "code": "request.invalid",
             "errors": [{"field": "cnpj", "code": "cnpj.checkDigits",
                         "message": "check digits do not match: expected 81, got 00", "arguments": ["81", "00"]}]}""";
    static final String NOT_FOUND = """
            {"title": "Not Found", "status": 404, "detail": "You have no job 42", "instance": "/api/v1/jobs/42",
             "code": "job.notFound", "arguments": ["42"]}""";
    static final String CONFLICT = """
            {"title": "Conflict", "status": 409,
             "detail": "Job 42 is RUNNING and cannot be canceled: only SCHEDULED jobs can be canceled",
             "instance": "/api/v1/jobs/42", "code": "job.illegalChange",
             "arguments": ["42", "canceled", "SCHEDULED", "RUNNING"]}""";
    static final String KEY_REUSED = """
            {"title": "Unprocessable Content", "status": 422,
             "detail": "Idempotency-Key 'b3e1…' was already used for a different request in the last 24 hours (job 42);\
             use a new key for a new job", "instance": "/api/v1/jobs", "code": "job.idempotencyKey.reused",
             "arguments": ["b3e1…", "42"], "jobId": 42}""";
    static final String TOO_MANY_ROWS = """
            {"title": "Content Too Large", "status": 413,
             "detail": "A bulk import takes at most 10000 rows; this one has more. Split it into several imports;\
             nothing was stored.", "instance": "/api/v1/jobs/bulk", "code": "bulk.tooManyRows", "arguments": ["10000"],\
             "maxRows": 10000}""";
    static final String BAD_CSV = """
            {"title": "Bad Request", "status": 400,
             "detail": "The CSV header has no 'cnpj' column; its first line must name the columns, e.g.\
             cnpj,scheduledAt,priority,label", "instance": "/api/v1/jobs/bulk", "code": "bulk.noCnpjColumn",\
             "arguments": []}""";

    private JobExamples() {
    }

    static final String ACTION = """
            {"action": "retry", "filter": {"status": ["FAILED", "NOT_FOUND"], "from": "2026-12-01"}}""";

    static final String ACTION_RESULT = """
            {"action": "retry", "matched": 1250, "changed": 1200, "skipped": 50, "dryRun": false}""";
}
