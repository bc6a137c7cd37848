package io.partnersettlement.console.api;

import java.time.LocalDate;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.partnersettlement.console.OperatorActions;
import io.partnersettlement.console.Refused;
import io.partnersettlement.statement.StatementStatus;

/**
 * The API's actions (OPERATOR only), each as its command does it: under the ledger lock, audited under the signed-in
 * user's name. JSON bodies only. A refusal is 409 with the engine's reason, an unknown id 404.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE, consumes = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "actions", description = "Operator actions (OPERATOR)")
class ActionsApi {

    private final OperatorActions actions;

    ActionsApi(OperatorActions actions) {
        this.actions = actions;
    }

    record ConfirmRequest(List<String> statementIds, String note) {
    }

    @PostMapping("/statements/confirm")
    @Operation(summary = "Confirm up to 100 statements, all or none (409 names each refused statement's reason)")
    OperatorActions.Confirmation confirm(@RequestBody ConfirmRequest request, Authentication user) {
        return actions.confirm(request.statementIds() == null ? List.of() : request.statementIds(), user.getName(),
                request.note());
    }

    record TransitionRequest(String to, String note, LocalDate paidOn, String reference) {
    }

    record TransitionResult(String statementId, String status, boolean changed) {
    }

    @PostMapping("/statements/{statementId}/transition")
    @Operation(summary = "Move a confirmed statement on (countersign, payment application, invoice review, disbursement, PAID)")
    TransitionResult transition(@PathVariable String statementId, @RequestBody TransitionRequest request,
            Authentication user) {
        StatementStatus to = state(request.to());
        boolean changed = actions.transition(statementId, to, user.getName(), request.note(), request.paidOn(),
                request.reference());
        return new TransitionResult(statementId, to.name(), changed);
    }

    record FreezeRequest(String reason) {
    }

    record DetailResult(String detailId, String status) {
    }

    @PostMapping("/details/{detailId}/freeze")
    @Operation(summary = "Freeze a detail (人工冻结) with a reason")
    DetailResult freeze(@PathVariable String detailId, @RequestBody FreezeRequest request, Authentication user) {
        actions.freeze(detailId, request.reason(), user.getName());
        return new DetailResult(detailId, "FROZEN (MANUAL)");
    }

    record ReleaseRequest(String note) {
    }

    @PostMapping("/details/{detailId}/release")
    @Operation(summary = "Release an operator's freeze of a detail")
    DetailResult release(@PathVariable String detailId, @RequestBody(required = false) ReleaseRequest request,
            Authentication user) {
        return new DetailResult(detailId, actions.release(detailId, user.getName()));
    }

    @PostMapping("/runs/{executionId}/restart")
    @Operation(summary = "Restart a failed, stopped or dead run where it stopped")
    OperatorActions.RunOutcome restart(@PathVariable long executionId, Authentication user) {
        return actions.restart(executionId, user.getName());
    }

    record RerunRequest(String job, LocalDate date, String period) {
    }

    @PostMapping("/reruns")
    @Operation(summary = "Rerun nightly (date) or monthly (period, optional date) deliberately; answers what changed")
    OperatorActions.RunOutcome rerun(@RequestBody RerunRequest request, Authentication user) {
        return actions.rerun(request.job() == null ? "" : request.job().strip().toLowerCase(java.util.Locale.ROOT),
                request.date(), request.period(), user.getName());
    }

    record DryRunRequest(String period, LocalDate date) {
    }

    @PostMapping("/dry-runs")
    @Operation(summary = "Dry run of a period's monthly settlement: what would change, changing nothing")
    OperatorActions.DryRunOutcome dryRun(@RequestBody DryRunRequest request, Authentication user) {
        return actions.dryRun(request.period(), request.date(), user.getName());
    }

    private static StatementStatus state(String name) {
        if (name == null || name.isBlank()) {
            throw new Refused("a transition needs the state to go to ('to')", java.util.Map.of());
        }
        try {
            return StatementStatus.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a statement state");
        }
    }
}
