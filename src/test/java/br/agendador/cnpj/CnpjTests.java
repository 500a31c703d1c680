package br.agendador.cnpj;

import java.util.Set;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.hibernate.validator.constraints.br.CNPJ;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CnpjTests {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @ParameterizedTest
    @ValueSource(strings = {"11.222.333/0001-81", "11.444.777/0001-61", "00.000.000/0001-91", "33.000.167/0001-01",
            "12.ABC.345/01DE-35"})
    void acceptsKnownValidNumbers(String text) {
        Cnpj cnpj = Cnpj.parse(text);
        assertThat(cnpj.formatted()).isEqualTo(text);
        assertThat(cnpj.value()).isEqualTo(text.replaceAll("[./-]", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"33000167000101", " 33.000.167/0001-01 ", "33 000 167 0001 01", "33000167/0001-01"})
    void acceptsAnyPunctuationAndSpacing(String text) {
        assertThat(Cnpj.parse(text).value()).isEqualTo("33000167000101");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12abc34501de35", "12.abc.345/01de-35", "12.Abc.345/01dE-35"})
    void acceptsAlphanumericInAnyCase(String text) {
        Cnpj cnpj = Cnpj.parse(text);
        assertThat(cnpj.value()).isEqualTo("12ABC34501DE35");
        assertThat(cnpj.isAlphanumeric()).isTrue();
        assertThat(Cnpj.parse("33000167000101").isAlphanumeric()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"11.222.333/0001-80", "11.222.333/0001-91", "33.000.167/0001-10", "12.ABC.345/01DE-36",
            "12.ABD.345/01DE-35"})
    void refusesNearMissesOnTheCheckDigits(String text) {
        assertThatThrownBy(() -> Cnpj.parse(text)).isInstanceOf(InvalidCnpjException.class)
                .hasMessageContaining("check digits do not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1122233300018", "112223330001811", "", "11.222.333/0001"})
    void refusesTheWrongLength(String text) {
        assertThatThrownBy(() -> Cnpj.parse(text)).isInstanceOf(InvalidCnpjException.class)
                .hasMessageContaining("14 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11.222.333/0001-8A", "11*222*333*0001*81", "1122233300Ç181", "11.222.333/0001_81"})
    void refusesOtherCharacters(String text) {
        assertThatThrownBy(() -> Cnpj.parse(text)).isInstanceOf(InvalidCnpjException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000000000", "11111111111111", "99.999.999/9999-99"})
    void refusesAllEqualCharacters(String text) {
        assertThatThrownBy(() -> Cnpj.parse(text)).isInstanceOf(InvalidCnpjException.class)
                .hasMessageContaining("all characters equal");
    }

    @Property
    void everyBaseWithItsCheckDigitsIsValidAndRoundTripsThroughItsFormat(@ForAll("bases") String base) {
        Assume.that(base.chars().distinct().count() > 1);
        String value = base + Cnpj.checkDigits(base);
        Cnpj cnpj = Cnpj.parse(value);
        assertThat(Cnpj.parse(cnpj.formatted())).isEqualTo(cnpj);
        assertThat(Cnpj.parse(cnpj.formatted().toLowerCase())).isEqualTo(cnpj);
    }

    @Property
    void agreesWithHibernateValidatorsAlphanumericCnpj(@ForAll("bases") String base,
            @ForAll @IntRange(min = 0, max = 99) int digits) {
        String value = base + String.format("%02d", digits);
        boolean ours = Cnpj.isValid(value);
        boolean theirs = VALIDATOR.validate(new Holder(value)).isEmpty();
        Assume.that(base.chars().distinct().count() > 1);
        assertThat(ours).as(value).isEqualTo(theirs);
    }

    @Property
    void aTypoInEitherCheckDigitIsAlwaysCaught(@ForAll("bases") String base,
            @ForAll @IntRange(min = 12, max = 13) int position, @ForAll @IntRange(min = 1, max = 9) int shift) {
        // Typos in the first 12 positions are not always caught: mod 11 maps remainders 0 and 1 to
        // the same digit 0 (00112309201900 and 90112309201900 are both valid), which is why the
        // base positions are left to the cross-check with Hibernate Validator above.
        String valid = base + Cnpj.checkDigits(base);
        Assume.that(valid.chars().distinct().count() > 1);
        char original = valid.charAt(position);
        char replaced = (char) ('0' + (original - '0' + shift) % 10);
        String typo = valid.substring(0, position) + replaced + valid.substring(position + 1);
        assertThat(Cnpj.isValid(typo)).as(valid + " -> " + typo).isFalse();
    }

    @Provide
    Arbitrary<String> bases() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofLength(12);
    }

    record Holder(@CNPJ(format = CNPJ.Format.ALPHANUMERIC) String cnpj) {
    }

}
