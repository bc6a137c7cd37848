package io.partnersettlement.schedule;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * What a firing runs: the business dates (or periods) from the one after the last run up to the firing's own, in
 * order — so a scheduler that was down for several nights catches each missed one up once — or just the firing's own
 * when nothing was missed.
 */
public final class CatchUp {

    private CatchUp() {
    }

    public static List<LocalDate> businessDates(LocalDate last, LocalDate current) {
        List<LocalDate> dates = new ArrayList<>();
        if (last == null || !last.isBefore(current)) {
            dates.add(current);
            return dates;
        }
        for (LocalDate d = last.plusDays(1); !d.isAfter(current); d = d.plusDays(1)) {
            dates.add(d);
        }
        return dates;
    }

    public static List<YearMonth> periods(YearMonth last, YearMonth current) {
        List<YearMonth> periods = new ArrayList<>();
        if (last == null || !last.isBefore(current)) {
            periods.add(current);
            return periods;
        }
        for (YearMonth p = last.plusMonths(1); !p.isAfter(current); p = p.plusMonths(1)) {
            periods.add(p);
        }
        return periods;
    }
}
