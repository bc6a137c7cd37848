package io.partnersettlement.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.invoice.InvoiceReview;
import io.partnersettlement.run.OperatorAudit;
import io.partnersettlement.statement.OwedInvoices;
import io.partnersettlement.statement.StatementStatus;

@Command(name = "invoices", mixinStandardHelpOptions = true,
        description = {"The partners' invoices for payment applications: register the numbers, reject, accept, "
                + "list what is owed.", "Example: ./run.sh invoices register --application PA-202609-P001 "
                + "--file PA-202609-P001.xlsx"},
        subcommands = {InvoicesCommand.Register.class, InvoicesCommand.Reject.class, InvoicesCommand.Accept.class,
                InvoicesCommand.Owed.class})
class InvoicesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** An operator's action on one payment application: audited, the lists and workbooks caught up before and after. */
    abstract static class ApplicationAction<T> implements Callable<Integer> {

        @Mixin
        WorkspaceOptions workspace;

        @Option(names = "--application", paramLabel = "PA-ID", required = true, description = "The payment application.")
        String application;

        @Option(names = "--operator", paramLabel = "NAME", description = "Who acts (default: the OS user).")
        String operator;

        abstract String action();

        String parameters() {
            return null;
        }

        String note() {
            return null;
        }

        abstract T act(InvoiceReview review, String who);

        abstract String outcome(T result);

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = workspace.boot()) {
                Outputs.publish(context);
                String who = Operators.name(operator);
                InvoiceReview review = context.getBean(InvoiceReview.class);
                T result = context.getBean(OperatorAudit.class).record(
                        new OperatorAudit.Action(who, action(), application, parameters(), note()),
                        () -> act(review, who), this::outcome);
                Outputs.publish(context);
                System.out.println(application + ": " + outcome(result));
                return 0;
            }
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Register the invoice numbers the partner filled into the invoice list (one per line, the "
                    + "configured form, never used before); with every line numbered, the invoice goes to review "
                    + "(the statement to INVOICE_REVIEW) and the list is rewritten with the numbers.",
                    "Example: ./run.sh invoices register --application PA-202609-P001 --file ~/mail/PA-202609-P001.xlsx",
                    "Example: ./run.sh invoices register --application PA-202609-P001 --item INCENTIVE --number 04512377"})
    static class Register extends ApplicationAction<InvoiceReview.Registered> {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static class Source {
            @Option(names = "--file", paramLabel = "XLSX", required = true, description = "The filled invoice list.")
            Path file;

            @ArgGroup(exclusive = false)
            OneLine oneLine;
        }

        static class OneLine {
            @Option(names = "--number", paramLabel = "N", required = true, description = "One line's invoice number.")
            String number;

            @Option(names = "--item", paramLabel = "ITEM", required = true,
                    description = "Its line: INCENTIVE, RELEASED_FROM_PRIOR, PRIOR_PERIOD_ADJUSTMENT, CARRIED_IN.")
            String item;
        }

        @Override
        String action() {
            return "INVOICE_REGISTER";
        }

        @Override
        String parameters() {
            return source.file != null ? "--file " + source.file
                    : "--item " + source.oneLine.item + " --number " + source.oneLine.number;
        }

        @Override
        InvoiceReview.Registered act(InvoiceReview review, String who) {
            return source.file != null ? review.registerList(application, source.file, who)
                    : review.registerOne(application, source.oneLine.item, source.oneLine.number, who);
        }

        @Override
        String outcome(InvoiceReview.Registered r) {
            return r.numbers().isEmpty() ? "already registered: nothing to do"
                    : "registered " + r.numbers() + (r.complete() ? ", in review" : ", lines still missing");
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = {"The invoice did not pass review (发票审核未通过): back to the partner with the reviewer's note; "
                    + "its numbers are spent and new ones are registered. Before payment the statement goes to "
                    + "INVOICE_REJECTED; an owed invoice is owed again.",
                    "Example: ./run.sh invoices reject --application PA-202609-P001 --note \"remark missing the period\""})
    static class Reject extends ApplicationAction<StatementStatus> {

        @Option(names = "--note", paramLabel = "TEXT", required = true, description = "The reviewer's note.")
        String note;

        @Override
        String action() {
            return "INVOICE_REJECT";
        }

        @Override
        String note() {
            return note;
        }

        @Override
        StatementStatus act(InvoiceReview review, String who) {
            return review.reject(application, note, who);
        }

        @Override
        String outcome(StatementStatus status) {
            return "rejected; statement " + status;
        }
    }

    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = {"An owed invoice passed review. (An invoice due before payment is accepted by "
                    + "./run.sh transition --to DISBURSING.)",
                    "Example: ./run.sh invoices accept --application PA-202609-P004"})
    static class Accept extends ApplicationAction<Boolean> {

        @Override
        String action() {
            return "INVOICE_ACCEPT";
        }

        @Override
        Boolean act(InvoiceReview review, String who) {
            review.accept(application, who);
            return true;
        }

        @Override
        String outcome(Boolean done) {
            return "accepted";
        }
    }

    @Command(name = "owed", mixinStandardHelpOptions = true,
            description = {"Invoices owed (返华为云账户-记欠票): partners paid first whose invoice numbers have not come, "
                    + "per partner: application, amount, owed since.", "Example: ./run.sh invoices owed"})
    static class Owed implements Callable<Integer> {

        @Mixin
        WorkspaceOptions workspace;

        @Option(names = "--partner", paramLabel = "ID", description = "Only this partner.")
        String partner;

        @Override
        public Integer call() {
            // only reads: the database opened read-only, without booting the engine (as status does)
            try (LedgerView ledger = workspace.read()) {
                List<OwedInvoices.OwedInvoice> owed = new OwedInvoices(ledger.jdbc).of(partner);
                if (owed.isEmpty()) {
                    System.out.println("no invoice is owed");
                    return 0;
                }
                System.out.printf("%-10s %-16s %-18s %-8s %16s %-4s %-10s %s%n", "partner", "name", "application",
                        "period", "amount", "ccy", "owed since", "status");
                for (OwedInvoices.OwedInvoice o : owed) {
                    System.out.printf("%-10s %-16s %-18s %-8s %16s %-4s %-10s %s%n", o.partnerId(), o.partnerName(),
                            o.applicationId(), o.period(), String.format("%,.2f", o.amount()), o.currency(),
                            o.owedSince(), o.invoiceStatus() + (o.reviewNote() == null ? "" : " (" + o.reviewNote() + ")"));
                }
                return 0;
            }
        }
    }
}
