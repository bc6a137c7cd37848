package io.partnersettlement.consumption;

import java.util.Map;
import java.util.SortedSet;

/** The ids of ingested records by file and line, which name a record to an operator. The ingest keeps them. */
public interface RecordIds {

    /** The ids of the given lines of a file, by line; a line with no id kept is absent. */
    Map<Long, String> idsAt(long fileId, SortedSet<Long> lines);
}
