package io.partnersettlement.ingest;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * One shared instance per distinct customer, bill type, service, currency, period and bill date, for the keys a block
 * keeps: a file has a few hundred customers and a few dozen days, but every line parses into strings of its own. Order
 * ids are left as they are (they rarely repeat). Holds at most {@value #LIMIT} values, then hands values back unchanged;
 * one instance per reading thread.
 */
final class CanonicalValues {

    static final int LIMIT = 100_000;

    private final Map<String, String> strings = new HashMap<>();
    private final Map<LocalDate, LocalDate> dates = new HashMap<>();

    FactKey of(FactKey key) {
        return new FactKey(key.fileId(), of(key.period()), of(key.billDate()), of(key.customerId()), of(key.billType()),
                of(key.serviceTypeCode()), key.orderId(), of(key.currency()));
    }

    private String of(String value) {
        return shared(strings, value);
    }

    private LocalDate of(LocalDate value) {
        return shared(dates, value);
    }

    private static <T> T shared(Map<T, T> values, T value) {
        T shared = values.get(value);
        if (shared != null) {
            return shared;
        }
        if (values.size() < LIMIT) {
            values.put(value, value);
        }
        return value;
    }
}
