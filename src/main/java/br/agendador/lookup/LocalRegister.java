package br.agendador.lookup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import br.agendador.cnpj.Cnpj;
import org.jspecify.annotations.Nullable;

/**
 * A local copy of the Receita's register (the {@code opendata} module's import of the monthly
 * dump), asked before any remote provider: no rate limit, no third party, milliseconds. Its
 * answers are in the dump's own terms; {@link DadosAbertosFormat} reads them into a snapshot the
 * same way the remote providers' answers are read, so the two compare field by field.
 */
public interface LocalRegister {

    /** The provider's name, recorded as a snapshot's {@code source}. */
    String NAME = "dadosabertos";

    Answer find(Cnpj cnpj);

    /** The answers for {@code cnpjs}, in their order; by default one {@link #find} each. */
    default List<Answer> findAll(List<Cnpj> cnpjs) {
        return cnpjs.stream().map(this::find).toList();
    }

    sealed interface Answer {
    }

    /** No month has been imported: the lookup goes on to the remote providers, silently. */
    record NotLoaded() implements Answer {
    }

    /** The dump of {@code month} has no such establishment: it may be newer than the dump. */
    record Missing(YearMonth month) implements Answer {
    }

    record Found(Entry entry) implements Answer {
    }

    /**
     * One establishment with its company, Simples/MEI record and partners, as the dump has them
     * (codes already joined to their descriptions where the dump's code tables have them).
     *
     * @param status situação cadastral code (1, 2, 3, 4, 8)
     * @param size porte code (0, 1, 3, 5)
     * @param simplesKnown whether the company is in the Simples file; the file lists every company
     *        that ever opted, so one missing from it never opted
     */
    record Entry(
            String cnpj,
            YearMonth month,
            @Nullable String legalName,
            @Nullable String tradeName,
            @Nullable Integer status,
            @Nullable LocalDate statusDate,
            @Nullable String statusReason,
            @Nullable LocalDate openedOn,
            @Nullable String legalNature,
            @Nullable Activity mainActivity,
            List<Activity> secondaryActivities,
            @Nullable String streetType,
            @Nullable String street,
            @Nullable String number,
            @Nullable String complement,
            @Nullable String district,
            @Nullable String city,
            @Nullable String state,
            @Nullable String zipCode,
            @Nullable String areaCode,
            @Nullable String phone,
            @Nullable String email,
            @Nullable BigDecimal shareCapital,
            @Nullable Integer size,
            boolean simplesKnown,
            @Nullable Boolean simples,
            @Nullable LocalDate simplesSince,
            @Nullable LocalDate simplesUntil,
            @Nullable Boolean mei,
            @Nullable LocalDate meiSince,
            @Nullable LocalDate meiUntil,
            List<Partner> partners) {

        public Entry {
            secondaryActivities = List.copyOf(secondaryActivities);
            partners = List.copyOf(partners);
        }
    }

    /** A CNAE code (seven digits as a number) and its description, when the dump's table has it. */
    record Activity(int code, @Nullable String description) {
    }

    /** A partner (QSA): name, qualification's description, since when. */
    record Partner(String name, @Nullable String role, @Nullable LocalDate since) {
    }
}
