package br.agendador.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PATCH /jobs/{id}}. A field left out stays as it is; {@code label} set to
 * null removes the label, which a record could not tell from leaving it out.
 */
@Schema(name = "JobChange", description = "Only the fields sent change")
final class JobPatch {

    @Schema(example = "11.444.777/0001-61")
    private @Nullable String cnpj;
    @Schema(description = "ISO-8601 with offset", format = "date-time", example = "2099-12-02T08:00:00-03:00")
    private @Nullable String scheduledAt;
    @Schema(description = "1 (lowest) to 5 (highest)", example = "5")
    private @Nullable Integer priority;
    @Schema(description = "null or empty removes the label", maxLength = JobInput.MAX_LABEL_LENGTH)
    private @Nullable String label;
    private boolean labelSent;
    private @Nullable Recurrence recurrence;

    @JsonProperty
    void setCnpj(@Nullable String cnpj) {
        this.cnpj = cnpj;
    }

    @JsonProperty
    void setScheduledAt(@Nullable String scheduledAt) {
        this.scheduledAt = scheduledAt;
    }

    @JsonProperty
    void setPriority(@Nullable Integer priority) {
        this.priority = priority;
    }

    @JsonProperty
    void setLabel(@Nullable String label) {
        this.label = label;
        this.labelSent = true;
    }

    @JsonProperty
    void setRecurrence(@Nullable Recurrence recurrence) {
        this.recurrence = recurrence;
    }

    JobChange toChange() {
        String newLabel = labelSent ? (label == null ? JobChange.REMOVE_LABEL : label) : null;
        return new JobChange(cnpj, JobInput.dateTime("scheduledAt", scheduledAt), priority, newLabel, recurrence);
    }
}
