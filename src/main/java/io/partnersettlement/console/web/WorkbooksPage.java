package io.partnersettlement.console.web;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.partnersettlement.console.ConsoleLedger;
import io.partnersettlement.console.Downloads;

/** Every workbook in {@code out/}, by period, to download. */
@Controller
class WorkbooksPage {

    private final ConsoleLedger ledger;

    WorkbooksPage(ConsoleLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/workbooks")
    String workbooks(Model model) {
        model.addAttribute("workbooks", ledger.workbooks());
        return "console/workbooks";
    }

    @GetMapping("/workbooks/file")
    ResponseEntity<Resource> download(@RequestParam String path) {
        return Downloads.workbook(ledger.workbookFile(path));
    }
}
