package io.partnersettlement.ingest;

import java.util.Map;
import java.util.SortedSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.consumption.RecordIds;
import io.partnersettlement.workspace.EngineSettings;

/** The ids of ingested records, as the id ledger keeps them. */
@Component
class IngestedRecordIds implements RecordIds {

    private final JdbcTemplate jdbc;
    private final EngineSettings settings;

    IngestedRecordIds(JdbcTemplate jdbc, EngineSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public Map<Long, String> idsAt(long fileId, SortedSet<Long> lines) {
        return IdLedger.idsAt(jdbc, settings.workspaceFolders(), fileId, lines);
    }
}
