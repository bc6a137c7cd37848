package io.partnersettlement.console.web;

import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import io.partnersettlement.console.ConsoleLedger;
import io.partnersettlement.console.NotFound;
import io.partnersettlement.console.OperatorActions;
import io.partnersettlement.console.Refused;
import io.partnersettlement.statement.StatementStatus;

/** The statements: the filtered list with its confirmation of up to 100, and one statement with its transitions. */
@Controller
class StatementPages {

    private final ConsoleLedger ledger;
    private final OperatorActions actions;

    StatementPages(ConsoleLedger ledger, OperatorActions actions) {
        this.ledger = ledger;
        this.actions = actions;
    }

    @GetMapping("/statements")
    String list(@RequestParam(required = false) String period, @RequestParam(required = false) String status,
            @RequestParam(required = false) String partner,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueBefore,
            jakarta.servlet.http.HttpServletRequest request, Model model) {
        var filter = new ConsoleLedger.StatementFilter(period, status, partner, dueBefore);
        model.addAttribute("back", "/statements" + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        model.addAttribute("filter", filter);
        model.addAttribute("statements", ledger.statements(filter));
        model.addAttribute("periods", ledger.periods());
        model.addAttribute("states", StatementStatus.values());
        return "console/statements";
    }

    @PostMapping("/statements/confirm")
    String confirm(@RequestParam(name = "statement", required = false) List<String> statementIds,
            @RequestParam(required = false) String note, @RequestParam(required = false) String back,
            Authentication user, RedirectAttributes flash) {
        try {
            var done = actions.confirm(statementIds == null ? List.of() : statementIds, user.getName(), note);
            flash.addFlashAttribute("done", "confirmed: " + String.join(", ", done.confirmed())
                    + (done.alreadyConfirmed().isEmpty() ? "" : "; already confirmed: "
                            + String.join(", ", done.alreadyConfirmed())));
        } catch (Refused e) {
            flash.addFlashAttribute("refused", e.getMessage());
            flash.addFlashAttribute("refusals", e.perStatement());
        } catch (NotFound e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:" + listUrl(back);
    }

    /** Back to the list as it was filtered; only a path of this console's statements list. */
    private static String listUrl(String back) {
        if (back != null && back.startsWith("/statements") && !back.startsWith("//") && !back.contains("\\")) {
            return UriComponentsBuilder.fromUriString(back).build().toUriString();
        }
        return "/statements";
    }

    @GetMapping("/statements/{statementId}")
    String statement(@PathVariable String statementId, Model model) {
        model.addAttribute("s", ledger.statement(statementId));
        return "console/statement";
    }

    @PostMapping("/statements/{statementId}/transition")
    String transition(@PathVariable String statementId, @RequestParam String to,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate paidOn,
            @RequestParam(required = false) String reference, Authentication user, RedirectAttributes flash) {
        StatementStatus state = StatementStatus.valueOf(to.strip().toUpperCase(java.util.Locale.ROOT));
        try {
            boolean changed = actions.transition(statementId, state, user.getName(), note, paidOn, reference);
            flash.addFlashAttribute("done", statementId + (changed ? " is now " : " is already ") + state);
        } catch (Refused e) {
            flash.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/statements/" + statementId;
    }
}
