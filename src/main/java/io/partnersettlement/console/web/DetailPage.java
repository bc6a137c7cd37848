package io.partnersettlement.console.web;

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

/** One incentive detail: its records by file and line, its freeze and splits, and freeze/release with a reason. */
@Controller
class DetailPage {

    private final ConsoleLedger ledger;
    private final OperatorActions actions;

    DetailPage(ConsoleLedger ledger, OperatorActions actions) {
        this.ledger = ledger;
        this.actions = actions;
    }

    @GetMapping("/details/{detailId}")
    String detail(@PathVariable String detailId, Model model) {
        model.addAttribute("d", ledger.detail(detailId));
        return "console/detail";
    }

    @PostMapping("/details/{detailId}/freeze")
    String freeze(@PathVariable String detailId, @RequestParam(required = false) String reason, Authentication user,
            RedirectAttributes flash) {
        try {
            actions.freeze(detailId, reason, user.getName());
            flash.addFlashAttribute("done", "detail " + detailId + " frozen (MANUAL): " + reason);
        } catch (Refused e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/details/" + detailId;
    }

    @PostMapping("/details/{detailId}/release")
    String release(@PathVariable String detailId, Authentication user, RedirectAttributes flash) {
        try {
            flash.addFlashAttribute("done", "detail " + detailId + " released: now " + actions.release(detailId, user.getName()));
        } catch (Refused e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/details/" + detailId;
    }
}
