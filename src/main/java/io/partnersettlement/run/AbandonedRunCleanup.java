package io.partnersettlement.run;

/** What an abandoned run of one job leaves behind that no later run would take over, undone by its own feature. */
public interface AbandonedRunCleanup {

    /** The job whose runs this cleans up after. */
    String jobName();

    /** Undoes the job instance's unsettled work in the caller's transaction; answers what it undid, or refuses. */
    String undo(long jobInstanceId);
}
