package io.partnersettlement.performance;

import java.util.List;
import java.util.Map;

/**
 * When periods closed for each partner (SPEC 7.1): a record is late for its partner when its period was already closed
 * for that partner at its ingestion, i.e. when it came in a file ingested after the closing. The
 * {@link ClassificationRepository} reads the closes.
 */
public final class PeriodCloses {

    /** A close: the partner's periods up to {@code throughPeriod} closed once files up to {@code afterFileId} were in. */
    record Close(String throughPeriod, long afterFileId) {
    }

    private final Map<String, List<Close>> closes;

    PeriodCloses(Map<String, List<Close>> closes) {
        this.closes = closes;
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
