package br.agendador.lookup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import br.agendador.cnpj.CompanySnapshot;
import br.agendador.cnpj.CompanySnapshot.Activity;
import br.agendador.cnpj.CompanySnapshot.Address;
import br.agendador.cnpj.CompanySnapshot.Partner;
import br.agendador.cnpj.CompanySnapshot.Regime;
import br.agendador.cnpj.CompanySnapshot.StateRegistration;
import br.agendador.cnpj.FieldChange;
import org.jspecify.annotations.Nullable;

/**
 * What changed between two snapshots of one company, field by field, in words people read
 * ({@code registrationStatus: ATIVA -> INAPTA}, {@code partners: - -> MARIA (Diretor)}).
 *
 * <p>Snapshots may come from different providers, which give different fields and write the same
 * facts differently ("AV REPUBLICA DO CHILE" and "Avenida República do Chile"). So texts from
 * different providers are compared without case, accents, punctuation or common street
 * abbreviations, and a street type one of them leaves out (from the same provider, only case and
 * spacing are ignored); house numbers without the zeros some providers pad them with; and a field (or a list)
 * one provider gives and the other does not is only a change when both snapshots come from the same
 * provider. Otherwise switching providers would report changes that never happened.
 */
final class SnapshotDiff {

    private static final Pattern PUNCTUATION = Pattern.compile("[.,;:/\\\\()-]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Map<String, String> STREET_TYPES = Map.ofEntries(Map.entry("AV", "AVENIDA"),
            Map.entry("R", "RUA"), Map.entry("AL", "ALAMEDA"), Map.entry("PCA", "PRACA"), Map.entry("PC", "PRACA"),
            Map.entry("ROD", "RODOVIA"), Map.entry("EST", "ESTRADA"), Map.entry("TV", "TRAVESSA"),
            Map.entry("TRAV", "TRAVESSA"), Map.entry("LGO", "LARGO"), Map.entry("LG", "LARGO"),
            Map.entry("VL", "VILA"), Map.entry("PQ", "PARQUE"), Map.entry("Q", "QUADRA"), Map.entry("QD", "QUADRA"));

    /** The full names the abbreviations stand for, and other types the Receita uses. */
    private static final Set<String> STREET_TYPE_NAMES = Stream.concat(STREET_TYPES.values().stream(),
            Stream.of("ACESSO", "BECO", "CONJUNTO", "ESTRADA", "LADEIRA", "LOTEAMENTO", "PASSAGEM", "SERVIDAO", "SETOR",
                    "VIA", "VIELA")).collect(Collectors.toUnmodifiableSet());
    /** House numbers some providers pad with zeros ("00209" is "209"); "0" alone stays. */
    private static final Pattern LEADING_ZEROS = Pattern.compile("(?<!\\d)0+(?=\\d)");

    private final boolean sameSource;
    private final List<FieldChange> changes = new ArrayList<>();

    private SnapshotDiff(boolean sameSource) {
        this.sameSource = sameSource;
    }

    static List<FieldChange> between(CompanySnapshot before, CompanySnapshot after) {
        SnapshotDiff diff = new SnapshotDiff(before.source().equals(after.source()));
        diff.text("legalName", before.legalName(), after.legalName());
        diff.text("tradeName", before.tradeName(), after.tradeName());
        diff.value("registrationStatus", before.registrationStatus(), after.registrationStatus());
        diff.value("registrationStatusDate", before.registrationStatusDate(), after.registrationStatusDate());
        diff.text("registrationStatusReason", before.registrationStatusReason(), after.registrationStatusReason());
        diff.value("openedOn", before.openedOn(), after.openedOn());
        diff.text("legalNature", before.legalNature(), after.legalNature());
        diff.field("mainActivity", before.mainActivity(), after.mainActivity(), Activity::code, SnapshotDiff::show);
        diff.list("secondaryActivities", before.secondaryActivities(), after.secondaryActivities(), Activity::code,
                Activity::code, SnapshotDiff::show);
        diff.address(before.address(), after.address());
        diff.field("phone", before.phone(), after.phone(), phone -> phone.replaceAll("\\D", ""), Function.identity());
        diff.text("email", before.email(), after.email());
        diff.field("shareCapital", before.shareCapital(), after.shareCapital(), BigDecimal::stripTrailingZeros,
                BigDecimal::toPlainString);
        diff.value("size", before.size(), after.size());
        diff.regime("simples", before.simples(), after.simples());
        diff.regime("mei", before.mei(), after.mei());
        diff.list("partners", before.partners(), after.partners(), partner -> plain(partner.name()),
                partner -> partner.role() == null ? null : plain(partner.role()), SnapshotDiff::show);
        diff.list("stateRegistrations", before.stateRegistrations(), after.stateRegistrations(),
                registration -> registration.state() + registration.number().replaceAll("\\D", ""),
                StateRegistration::active, SnapshotDiff::show);
        return List.copyOf(diff.changes);
    }

    private void address(@Nullable Address before, @Nullable Address after) {
        Address none = new Address(null, null, null, null, null, null, null);
        Address from = before == null ? none : before;
        Address to = after == null ? none : after;
        street(from.street(), to.street());
        field("address.number", from.number(), to.number(),
                number -> LEADING_ZEROS.matcher(sameSource ? exact(number) : plain(number)).replaceAll(""), Function.identity());
        text("address.complement", from.complement(), to.complement());
        text("address.district", from.district(), to.district());
        text("address.city", from.city(), to.city());
        text("address.state", from.state(), to.state());
        text("address.zipCode", from.zipCode(), to.zipCode());
    }

    /**
     * Across providers, a street is the same when one writes its type and the other leaves it out
     * ("AVENIDA REPUBLICA DO CHILE" and OpenCNPJ's "REPUBLICA DO CHILE"); two different types are a
     * change.
     */
    private void street(@Nullable String before, @Nullable String after) {
        if (!sameSource && before != null && after != null) {
            String from = street(before);
            String to = street(after);
            if (from.equals(to) || withoutType(from).equals(to) || withoutType(to).equals(from)) {
                return;
            }
        }
        field("address.street", before, after, sameSource ? this::exact : SnapshotDiff::street, Function.identity());
    }

    /** The street without its leading type, when it has one ("AVENIDA PAULISTA" is "PAULISTA"). */
    private static String withoutType(String street) {
        int space = street.indexOf(' ');
        return space > 0 && STREET_TYPE_NAMES.contains(street.substring(0, space)) ? street.substring(space + 1) : street;
    }

    private void regime(String name, @Nullable Regime before, @Nullable Regime after) {
        Regime none = new Regime(null, null, null);
        Regime from = before == null ? none : before;
        Regime to = after == null ? none : after;
        value(name + ".optant", from.optant(), to.optant());
        value(name + ".since", from.since(), to.since());
        value(name + ".until", from.until(), to.until());
    }

    private void text(String name, @Nullable String before, @Nullable String after) {
        field(name, before, after, sameSource ? this::exact : SnapshotDiff::plain, Function.identity());
    }

    /** The same provider writes the same fact the same way: only case and spacing are ignored. */
    private String exact(String text) {
        return SPACES.matcher(text.strip()).replaceAll(" ").toUpperCase(Locale.ROOT);
    }

    private <T> void value(String name, @Nullable T before, @Nullable T after) {
        field(name, before, after, Function.identity(), String::valueOf);
    }

    /** Compared by {@code key}, shown by {@code show}; a value only one side has counts only from the same source. */
    private <T> void field(String name, @Nullable T before, @Nullable T after, Function<T, ?> key,
            Function<T, String> show) {
        if (before == null && after == null) {
            return;
        }
        if (before == null || after == null) {
            if (sameSource) {
                changes.add(new FieldChange(name, before == null ? null : show.apply(before), after == null ? null : show.apply(after)));
            }
            return;
        }
        if (!key.apply(before).equals(key.apply(after))) {
            changes.add(new FieldChange(name, show.apply(before), show.apply(after)));
        }
    }

    /**
     * Elements matched by {@code identity}: added ones change from nothing, removed ones to nothing,
     * and a matched element whose {@code detail} differs (a partner's role) from one to the other.
     */
    private <T> void list(String name, List<T> before, List<T> after, Function<T, String> identity,
            Function<T, ?> detail, Function<T, String> show) {
        if (!sameSource && (before.isEmpty() || after.isEmpty())) {
            return;
        }
        Map<String, T> old = index(before, identity);
        Map<String, T> now = index(after, identity);
        old.forEach((id, element) -> {
            T current = now.get(id);
            if (current == null) {
                changes.add(new FieldChange(name, show.apply(element), null));
            } else {
                Object was = detail.apply(element);
                Object is = detail.apply(current);
                if (was != null && is != null && !Objects.equals(was, is)) {
                    changes.add(new FieldChange(name, show.apply(element), show.apply(current)));
                }
            }
        });
        now.forEach((id, element) -> {
            if (!old.containsKey(id)) {
                changes.add(new FieldChange(name, null, show.apply(element)));
            }
        });
    }

    private static <T> Map<String, T> index(List<T> elements, Function<T, String> identity) {
        Map<String, T> index = new LinkedHashMap<>();
        elements.forEach(element -> index.putIfAbsent(identity.apply(element), element));
        return index;
    }

    /** Without case, accents, punctuation or repeated spaces. */
    static String plain(String text) {
        return SPACES.matcher(PUNCTUATION.matcher(JsonFields.plain(text)).replaceAll(" ")).replaceAll(" ").strip();
    }

    /** As {@link #plain}, with the street type's common abbreviation spelled out ("AV" is "AVENIDA"). */
    static String street(String text) {
        String plain = plain(text);
        int space = plain.indexOf(' ');
        if (space < 0) {
            return plain;
        }
        String type = STREET_TYPES.get(plain.substring(0, space));
        return type == null ? plain : type + plain.substring(space);
    }

    private static String show(Activity activity) {
        return activity.description() == null ? activity.code() : activity.code() + " - " + activity.description();
    }

    private static String show(Partner partner) {
        return partner.role() == null ? partner.name() : partner.name() + " (" + partner.role() + ")";
    }

    private static String show(StateRegistration registration) {
        return registration.state() + " " + registration.number()
                + (registration.active() == null ? "" : registration.active() ? " (ativa)" : " (inativa)");
    }
}
