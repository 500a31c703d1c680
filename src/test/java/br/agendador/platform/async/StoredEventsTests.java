package br.agendador.platform.async;

import java.time.Instant;
import java.util.List;

import br.agendador.cnpj.CompanyChanged;
import br.agendador.cnpj.FieldChange;
import br.agendador.jobs.JobFailed;
import br.agendador.jobs.JobNotFound;
import br.agendador.jobs.JobStarted;
import br.agendador.jobs.JobSucceeded;
import br.agendador.jobs.JobsFinished;
import br.agendador.jobs.JobsScheduled;
import br.agendador.jobs.JobsStarted;
import br.agendador.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events kept in the event publication registry read back as they were written, with the
 * application's strict mapper (unknown properties refused): an event that cannot be read back is
 * only found out when a crashed process's publications are delivered again.
 */
@IntegrationTest
class StoredEventsTests {

    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");

    @Autowired
    EventSerializer serializer;

    @Test
    void batchEventsReadBackAsWritten() {
        List<Object> events = List.of(
                new JobsStarted(List.of(new JobStarted(1, 7, "33000167000101", AT, 1, "worker-1"),
                        new JobStarted(2, 8, "11222333000181", AT, 3, "worker-1"))),
                new JobsFinished(List.of(new JobSucceeded(1, 7, "33000167000101", AT, 1, "dadosabertos")),
                        List.of(new JobNotFound(3, 7, "11222333000181", AT, 2, "no such company")),
                        List.of(new JobFailed(2, 8, "11222333000181", AT, 3, "timeout"))),
                new JobsScheduled(7, List.of(new JobsScheduled.ScheduledJob(4, "33000167000101")), AT),
                new CompanyChanged(1, 7, "33000167000101", List.of(new FieldChange("size", "DEMAIS", "EPP")), AT));

        for (Object event : events) {
            Object stored = serializer.serialize(event);
            assertThat(serializer.deserialize(stored, event.getClass())).as(stored.toString()).isEqualTo(event);
        }
    }
}
