package io.partnersettlement.cli;

import java.nio.file.Path;

import org.springframework.context.ConfigurableApplicationContext;

import io.partnersettlement.documents.LedgerDocuments;
import io.partnersettlement.run.LedgerLock;
import io.partnersettlement.workspace.EngineSettings;

/** The operator's outputs that follow the ledger: statement and performance workbooks, invoice lists. */
public final class Outputs {

    private Outputs() {
    }

    /**
     * Rewrites every workbook older than what it shows of the ledger and writes every missing invoice list. An operator's
     * command calls it before it acts (so that one whose process died after its commit is caught up, even if the
     * repeated action is then refused) and after.
     */
    public static void publish(ConfigurableApplicationContext context) {
        Path out = context.getBean(EngineSettings.class).workspaceFolders().out();
        // the workbooks follow the ledger as one holder left it
        context.getBean(LedgerLock.class).holding("publish statement workbooks",
                () -> context.getBean(LedgerDocuments.class).publish(out));
    }
}
