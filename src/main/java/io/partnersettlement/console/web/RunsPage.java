package io.partnersettlement.console.web;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.partnersettlement.console.ConsoleLedger;
import io.partnersettlement.console.OperatorActions;
import io.partnersettlement.console.Refused;

/**
 * The runs: state and counts, the steps of a running one (the page reloads itself while one runs), restart of a failed
 * one, a deliberate rerun and a dry run.
 */
@Controller
class RunsPage {

    private final ConsoleLedger ledger;
    private final OperatorActions actions;

    RunsPage(ConsoleLedger ledger, OperatorActions actions) {
        this.ledger = ledger;
        this.actions = actions;
    }

    @GetMapping("/runs")
    String runs(Model model) {
        var runs = ledger.runs(50);
        model.addAttribute("runs", runs);
        model.addAttribute("running", runs.stream().anyMatch(ConsoleLedger.Run::running));
        model.addAttribute("periods", ledger.periods());
        return "console/runs";
    }

    @GetMapping("/runs/{executionId}")
    String run(@PathVariable long executionId, Model model) {
        model.addAttribute("run", ledger.run(executionId));
        return "console/run";
    }

    @PostMapping("/runs/{executionId}/restart")
    String restart(@PathVariable long executionId, Authentication user, RedirectAttributes flash) {
        try {
            var outcome = actions.restart(executionId, user.getName());
            flash.addFlashAttribute("done", "execution " + outcome.executionId() + " " + outcome.status()
                    + (outcome.exitMessage() == null ? "" : ": " + outcome.exitMessage()));
        } catch (Refused e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/runs";
    }

    @PostMapping("/runs/rerun")
    String rerun(@RequestParam String job, @RequestParam(required = false) String period,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            Authentication user, RedirectAttributes flash) {
        try {
            var outcome = actions.rerun(job, date, period == null || period.isBlank() ? null : period.strip(),
                    user.getName());
            flash.addFlashAttribute("done", "rerun: execution " + outcome.executionId() + " " + outcome.status() + ", "
                    + outcome.changes().size() + " figure(s) changed" + (outcome.changes().isEmpty() ? ""
                            : ": " + String.join("; ", outcome.changes())));
        } catch (Refused e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/runs";
    }

    @PostMapping("/runs/dry-run")
    String dryRun(@RequestParam String period,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            Authentication user, RedirectAttributes flash) {
        try {
            var outcome = actions.dryRun(period.strip(), date, user.getName());
            flash.addFlashAttribute("done", "dry run of " + outcome.period() + " for " + outcome.businessDate()
                    + ": nothing was changed; " + (outcome.changes().isEmpty() ? "no figure would change"
                            : outcome.changes().size() + " figure(s) would change: " + String.join("; ", outcome.changes()))
                    + (outcome.problems().isEmpty() ? "" : "; problems: " + String.join("; ", outcome.problems()))
                    + "; previews in out/" + outcome.previews());
        } catch (Refused e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/runs";
    }
}
