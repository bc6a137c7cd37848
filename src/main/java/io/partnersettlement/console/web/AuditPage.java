package io.partnersettlement.console.web;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.partnersettlement.console.AuditCsv;
import io.partnersettlement.console.ConsoleLedger;

/** The audit log, filtered by days, action, operator and outcome; the same selection as CSV. */
@Controller
class AuditPage {

    private final ConsoleLedger ledger;

    AuditPage(ConsoleLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String action, @RequestParam(required = false) String operator,
            @RequestParam(required = false) String outcome, Model model) {
        var filter = new ConsoleLedger.AuditFilter(from, to, action, operator, outcome);
        model.addAttribute("filter", filter);
        model.addAttribute("entries", ledger.audit(filter, 500));
        model.addAttribute("actions", ledger.auditActions());
        model.addAttribute("operators", ledger.auditOperators());
        return "console/audit";
    }

    @GetMapping("/audit.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String action, @RequestParam(required = false) String operator,
            @RequestParam(required = false) String outcome) {
        return AuditCsv.response(ledger.audit(new ConsoleLedger.AuditFilter(from, to, action, operator, outcome),
                Integer.MAX_VALUE));
    }
}
