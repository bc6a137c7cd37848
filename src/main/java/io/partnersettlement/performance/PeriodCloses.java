package io.partnersettlement.performance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When periods closed for each partner (SPEC 7.1): a record is late for its partner when its period was already closed
 * for that partner at its ingestion, i.e. when it came in a file ingested after the closing.
 */
public final class PeriodCloses {

    private record Close(String throughPeriod, long afterFileId) {
    }

    private final Map<String, List<Close>> closes;

    private PeriodCloses(Map<String, List<Close>> closes) {
        this.closes = closes;
    }

    public static PeriodCloses load(JdbcTemplate jdbc) {
        Map<String, List<Close>> closes = new HashMap<>();
        jdbc.query("SELECT partner_id, through_period, after_file_id FROM period_close", rs -> {
            closes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Close(rs.getString(2), rs.getLong(3)));
        });
        return new PeriodCloses(closes);
    }

    public boolean late(String partnerId, String period, long fileId) {
        List<Close> list = closes.get(partnerId);
        if (list == null) {
            return false;
        }
        for (Close c : list) {
            if (c.throughPeriod().compareTo(period) >= 0 && fileId > c.afterFileId()) {
                return true;
            }
        }
        return false;
    }
}
