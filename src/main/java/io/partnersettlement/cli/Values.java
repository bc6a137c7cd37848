package io.partnersettlement.cli;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** How the command line reads dates and periods: strictly, with a one-line reason when a value is not one. */
final class Values {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);

    private Values() {
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip(), DATE);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a date (YYYY-MM-DD, a day that exists)");
        }
    }

    static YearMonth period(String text) {
        try {
            return YearMonth.parse(text.strip(), PERIOD);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a period (YYYY-MM)");
        }
    }

    static void register(CommandLine cli) {
        cli.registerConverter(LocalDate.class, Values::date);
        cli.registerConverter(YearMonth.class, Values::period);
    }
}
