package br.agendador.opendata;

import java.nio.file.Path;
import java.time.YearMonth;

import br.agendador.cnpj.Cnpj;
import br.agendador.support.CheckDigits;

import static br.agendador.opendata.DumpKind.CNAES;
import static br.agendador.opendata.DumpKind.EMPRESAS;
import static br.agendador.opendata.DumpKind.ESTABELECIMENTOS;
import static br.agendador.opendata.DumpKind.MOTIVOS;
import static br.agendador.opendata.DumpKind.MUNICIPIOS;
import static br.agendador.opendata.DumpKind.NATUREZAS;
import static br.agendador.opendata.DumpKind.PAISES;
import static br.agendador.opendata.DumpKind.QUALIFICACOES;
import static br.agendador.opendata.DumpKind.SIMPLES;
import static br.agendador.opendata.DumpKind.SOCIOS;

/**
 * Two months of a small dump in the official layout, with what the real files hold: accents in
 * ISO-8859-1 ({@code AÇÚCAR}, {@code SÃO PAULO}), a {@code ;} inside a quoted field, decimal
 * commas with thousands dots, empty and {@code 0}/{@code 00000000} dates, a NUL byte and runs of
 * spaces, a CEP that lost its leading zero, an alphanumeric CNPJ, codes missing from their tables
 * (motivo 32, country 367), and bad lines: a wrong field count, broken quoting, an unclosed quote.
 * In the second month the first company is INAPTA, has moved, and one partner left and another came.
 */
final class SampleDump {

    static final YearMonth FIRST = YearMonth.of(2026, 10);
    static final YearMonth SECOND = YearMonth.of(2026, 11);

    /** Açúcar e Álcool São Paulo: every field filled. */
    static final Cnpj SUGAR = CheckDigits.complete("412223330001");
    /** Its branch. */
    static final Cnpj SUGAR_BRANCH = CheckDigits.complete("412223330002");
    /** Closed down for a reason missing from the Motivos table; never in Simples. */
    static final Cnpj CLOSED = CheckDigits.complete("423334440001");
    /** Issued after July 2026, with letters. */
    static final Cnpj ALPHANUMERIC = CheckDigits.complete("12ABC34501DE");
    /** Not in the dump at all. */
    static final Cnpj ABSENT = CheckDigits.complete("998887770001");
    /** Bad lines: the files, their lines (1-based) and what is wrong. */
    static final String BAD_FIELD_COUNT_FILE = "Estabelecimentos1.zip";
    static final String BROKEN_QUOTES_FILE = "Socios0.zip";
    static final String UNCLOSED_QUOTE_FILE = "Empresas1.zip";

    private SampleDump() {
    }

    static Path first(Path parent) {
        return month(FIRST, false).writeTo(parent.resolve(FIRST.toString()));
    }

    static Path second(Path parent) {
        return month(SECOND, true).writeTo(parent.resolve(SECOND.toString()));
    }

    static DumpWriter month(YearMonth month, boolean later) {
        DumpWriter dump = new DumpWriter(month);
        String sugar = SUGAR.root();
        dump.row(EMPRESAS, sugar, "AÇÚCAR E ÁLCOOL SÃO PAULO   LTDA", "2062", "49", "1.234.567,89", "03", "");
        dump.row(ESTABELECIMENTOS, sugar, "0001", SUGAR.value().substring(12), "1", "DOCES SÃO JOÃO",
                later ? "04" : "02", later ? "20261103" : "20050103", later ? "01" : "00", "", "", "19980512",
                "1071600", "4639701,4637107", later ? "AVENIDA" : "RUA", later ? "PAULISTA" : "DAS FLORES",
                later ? "1000" : "123", "SALA 4; FUNDOS\u0000", "CENTRO", "1310100", "SP", "7107", "11", "32221234",
                "11", "987654321", "", "", "CONTATO@ACUCAR.COM.BR", "", "");
        dump.row(ESTABELECIMENTOS, sugar, "0002", SUGAR_BRANCH.value().substring(12), "2", "", "02", "20100201", "00",
                "", "", "20100201", "4639701", "", "RUA", "DO PORTO", "S/N", "", "CAIS", "11010000", "SP", "7071",
                "13", "33334444", "", "", "", "", "", "", "0");
        dump.row(SOCIOS, sugar, "2", later ? "JOÃO PEREIRA" : "MARIA DA CONCEIÇÃO", "***123456**", "49",
                later ? "20261020" : "20010203", "", "***000000**", "", "00", "5");
        dump.row(SOCIOS, sugar, "1", "AÇÚCAR HOLDING S.A.", "12345678000199", "22", "20050101", "", "", "", "", "0");
        dump.row(SIMPLES, sugar, "S", "20070701", "00000000", "N", "", "0");

        String closed = CLOSED.root();
        dump.row(EMPRESAS, closed, "MERCEARIA FECHADA ME", "2135", "50", "0,00", "01", "");
        dump.row(ESTABELECIMENTOS, closed, "0001", CLOSED.value().substring(12), "1", "", "08", "20201231", "32", "",
                "367", "20150310", "4712100", "", "TRAVESSA", "DA ESPERANÇA", "10", "", "VILA NOVA", "20031912", "RJ",
                "6001", "", "", "", "", "", "", "mercearia@exemplo.com", "", "");

        String alphanumeric = ALPHANUMERIC.root();
        dump.row(EMPRESAS, alphanumeric, "NOVA ERA TECNOLOGIA S.A.", "2054", "10", "50000,00", "05", "");
        dump.row(ESTABELECIMENTOS, alphanumeric, ALPHANUMERIC.value().substring(8, 12), ALPHANUMERIC.value().substring(12),
                "1", "NOVA ERA", "02", "20260715", "00", "", "", "20260715", "6201501", "", "ALAMEDA", "DOS ANJOS",
                "55", "", "JARDINS", "01415000", "SP", "7107", "11", "40028922", "", "", "", "", "", "", "");
        dump.row(SOCIOS, alphanumeric, "2", "ANA LIMA", "***987654**", "10", "20260715", "", "", "", "", "4");

        // lines that cannot be read; the ones after them must load
        dump.rawInto(ESTABELECIMENTOS, 1, DumpWriter.line("33444555", "0001", "99", "1", "TOO SHORT"));
        dump.rawInto(SOCIOS, 0, "\"33444555\";\"2\";\"JOSE \"ZE\" SILVA\";\"***1**\";\"49\";\"\";\"\";\"\";\"\";\"\";\"\"\n"
                .getBytes(DumpWriter.LATIN1));
        dump.rawInto(EMPRESAS, 1, "\"33444555\";\"EMPRESA SEM FIM;2062;49\n".getBytes(DumpWriter.LATIN1));
        dump.rawInto(EMPRESAS, 1, DumpWriter.line("44555666", "DEPOIS DA LINHA QUEBRADA", "2062", "49", "10,00", "01", ""));

        dump.row(CNAES, "1071600", "Fabricação de açúcar em bruto");
        dump.row(CNAES, "4639701", "Comércio atacadista de produtos alimentícios em geral");
        dump.row(CNAES, "4637107", "Comércio atacadista de chocolates, confeitos, balas, bombons e semelhantes");
        dump.row(CNAES, "4712100", "Comércio varejista de mercadorias em geral, com predominância de produtos alimentícios");
        dump.row(CNAES, "6201501", "Desenvolvimento de programas de computador sob encomenda");
        dump.row(MOTIVOS, "00", "SEM MOTIVO");
        dump.row(MOTIVOS, "01", "EXTINCAO POR ENCERRAMENTO LIQUIDACAO VOLUNTARIA");
        dump.row(MUNICIPIOS, "7107", "SAO PAULO");
        dump.row(MUNICIPIOS, "7071", "SANTOS");
        dump.row(MUNICIPIOS, "6001", "RIO DE JANEIRO");
        dump.row(NATUREZAS, "2062", "Sociedade Empresária Limitada");
        dump.row(NATUREZAS, "2054", "Sociedade Anônima Fechada");
        dump.row(NATUREZAS, "2135", "Empresário (Individual)");
        dump.row(PAISES, "105", "BRASIL");
        dump.row(QUALIFICACOES, "49", "Sócio-Administrador");
        dump.row(QUALIFICACOES, "22", "Sócio");
        dump.row(QUALIFICACOES, "10", "Diretor");
        dump.row(QUALIFICACOES, "50", "Empresário");
        return dump;
    }
}
