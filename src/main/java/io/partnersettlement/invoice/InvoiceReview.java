package io.partnersettlement.invoice;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.fault.EngineException;
import io.partnersettlement.run.LedgerLock;
import io.partnersettlement.statement.StatementLifecycle;
import io.partnersettlement.statement.StatementStatus;
import io.partnersettlement.workspace.EngineSettings;

/**
 * The partner's invoice for a payment application: its numbers registered from the filled invoice list (or one line
 * at a time), its review rejected with the reviewer's note or accepted. An invoice that comes before payment moves the
 * statement (PENDING_PAYMENT_APPLICATION or INVOICE_REJECTED → INVOICE_REVIEW → DISBURSING or INVOICE_REJECTED); an
 * owed invoice (返华为云账户-记欠票) is reviewed beside a statement already paid, and is owed until its numbers come.
 */
@Component
public class InvoiceReview {

    /** Statements whose invoice, due before payment, may be registered: the application is waiting for it. */
    private static final Set<StatementStatus> AWAITING_INVOICE = Set.of(StatementStatus.PENDING_PAYMENT_APPLICATION,
            StatementStatus.INVOICE_REJECTED);

    /** Statements whose owed invoice may be registered: countersigned, in payment or paid. */
    private static final Set<StatementStatus> OWED_REGISTRABLE = Set.of(StatementStatus.PENDING_PAYMENT_APPLICATION,
            StatementStatus.DISBURSING, StatementStatus.PAID);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final LedgerLock lock;
    private final StatementLifecycle lifecycle;
    private final InvoiceListWorkbook lists;
    private final Pattern numberPattern;
    private final String numberPatternText;
    private final Clock clock;

    public InvoiceReview(JdbcTemplate jdbc, TransactionTemplate transaction, LedgerLock lock, StatementLifecycle lifecycle,
            InvoiceListWorkbook lists, EngineSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.lock = lock;
        this.lifecycle = lifecycle;
        this.lists = lists;
        this.numberPatternText = settings.invoiceNumberPattern();
        this.numberPattern = Pattern.compile(numberPatternText);
        this.clock = clock;
    }

    /** What a registration did. */
    public record Registered(String applicationId, String statementId, Map<String, String> numbers, boolean complete,
            StatementStatus statementStatus) {
    }

    private record Application(String id, String statementId, StatementStatus statementStatus, boolean owed,
            String invoiceStatus) {
    }

    /** Registers the numbers the partner wrote into the list, one per line, every line. */
    public Registered registerList(String applicationId, Path filledList, String operator) {
        FilledInvoiceList.Contents contents = FilledInvoiceList.read(filledList);
        if (!contents.applicationId().equals(applicationId)) {
            throw new EngineException(filledList.getFileName() + ": this is the invoice list of " + contents.applicationId()
                    + ", not of " + applicationId);
        }
        return register(applicationId, contents.entries(), true, operator);
    }

    /** Registers the number of one line. */
    public Registered registerOne(String applicationId, String item, String number, String operator) {
        return register(applicationId, List.of(new FilledInvoiceList.Entry(item, number == null ? "" : number.strip(),
                "--item " + item)), false, operator);
    }

    private Registered register(String applicationId, List<FilledInvoiceList.Entry> entries, boolean wholeList,
            String operator) {
        return lock.holding("invoices register " + applicationId + " by " + operator, () -> transaction.execute(tx -> {
            Application a = application(applicationId);
            if (a.invoiceStatus().equals("IN_REVIEW") && alreadyRegistered(applicationId, entries)) {
                // the same numbers again (an operator unsure after a crash): nothing changes
                return new Registered(applicationId, a.statementId(), Map.of(), true, a.statementStatus());
            }
            Set<StatementStatus> allowed = a.owed() ? OWED_REGISTRABLE : AWAITING_INVOICE;
            if (!allowed.contains(a.statementStatus())) {
                throw new EngineException(applicationId + ": its statement " + a.statementId() + " is "
                        + a.statementStatus() + "; invoice numbers are registered while it is " + allowed.stream()
                                .map(Enum::name).sorted().toList());
            }
            if (a.owed() && !(a.invoiceStatus().equals("AWAITED") || a.invoiceStatus().equals("REJECTED"))) {
                throw new EngineException(applicationId + ": its invoice is " + a.invoiceStatus()
                        + "; new numbers are registered after a rejection");
            }
            Map<String, String> numbers = validated(a, entries, wholeList);
            Instant now = clock.instant();
            for (Map.Entry<String, String> e : numbers.entrySet()) {
                // a number not yet reviewed may be corrected; a rejected one stays, spent
                jdbc.update("DELETE FROM invoice_number WHERE application_id = ? AND item = ? AND rejected = FALSE",
                        applicationId, e.getKey());
                try {
                    jdbc.update("""
                            INSERT INTO invoice_number (invoice_number, application_id, item, registered_at, registered_by)
                            VALUES (?, ?, ?, ?, ?)""", e.getValue(), applicationId, e.getKey(), Timestamp.from(now), operator);
                } catch (DuplicateKeyException race) {
                    throw new EngineException("invoice number " + e.getValue() + " was registered for another "
                            + "application meanwhile; nothing was registered");
                }
            }
            List<String> missing = new ArrayList<>();
            Map<String, String> current = current(applicationId);
            for (InvoiceLine line : lists.lines(applicationId)) {
                if (!current.containsKey(line.item())) {
                    missing.add(line.item());
                }
            }
            boolean complete = missing.isEmpty();
            String listed = describe(numbers);
            jdbc.update("UPDATE payment_application SET list_stale = TRUE WHERE application_id = ?", applicationId);
            if (!complete) {
                lifecycle.recordInvoiceEvent(a.statementId(), operator, "invoice number registered: " + listed
                        + " (still missing: " + String.join(", ", missing) + ")");
                return new Registered(applicationId, a.statementId(), numbers, false, a.statementStatus());
            }
            jdbc.update("""
                    UPDATE payment_application SET invoice_status = 'IN_REVIEW', review_note = NULL
                     WHERE application_id = ?""", applicationId);
            if (a.owed()) {
                lifecycle.recordInvoiceEvent(a.statementId(), operator, "owed invoice registered: " + describe(current)
                        + "; in review, no longer owed");
                return new Registered(applicationId, a.statementId(), numbers, true, a.statementStatus());
            }
            lifecycle.invoiceRegistered(a.statementId(), operator, "invoice numbers registered: " + describe(current));
            return new Registered(applicationId, a.statementId(), numbers, true, StatementStatus.INVOICE_REVIEW);
        }));
    }

    /** The entries' numbers by item, after every check; one error line naming every problem, or nothing registered. */
    private Map<String, String> validated(Application a, List<FilledInvoiceList.Entry> entries, boolean wholeList) {
        List<String> items = lists.lines(a.id()).stream().map(InvoiceLine::item).toList();
        List<String> problems = new ArrayList<>();
        Map<String, String> numbers = new LinkedHashMap<>();
        Map<String, String> itemOfNumber = new HashMap<>();
        for (FilledInvoiceList.Entry e : entries) {
            if (!items.contains(e.item())) {
                problems.add(e.where() + ": " + a.id() + " has no line " + e.item() + " (its lines: "
                        + String.join(", ", items) + ")");
                continue;
            }
            if (numbers.containsKey(e.item())) {
                problems.add(e.where() + ": line " + e.item() + " appears twice");
                continue;
            }
            String number = e.number();
            if (number.isEmpty()) {
                problems.add(e.where() + ": no invoice number (one per line)");
                continue;
            }
            if (number.split("[\\s,;/、,;]+").length > 1) {
                problems.add(e.where() + ": '" + number + "' holds more than one invoice number (one per line)");
                continue;
            }
            if (!numberPattern.matcher(number).matches()) {
                problems.add(e.where() + ": invoice number '" + number + "' is not of the configured form "
                        + numberPatternText + " (settlement.invoice-number-pattern)");
                continue;
            }
            String other = itemOfNumber.putIfAbsent(number, e.item());
            if (other != null) {
                problems.add(e.where() + ": invoice number " + number + " is also given for " + other
                        + " (one invoice per line)");
                continue;
            }
            List<String> used = jdbc.query("""
                    SELECT application_id, item, rejected FROM invoice_number WHERE invoice_number = ?""",
                    (rs, n) -> rs.getBoolean(3) ? "was rejected on " + rs.getString(1) + " " + rs.getString(2)
                            + ": a number is never used again, the partner issues a new invoice"
                            : rs.getString(1).equals(a.id()) && rs.getString(2).equals(e.item()) ? null
                                    : "is already registered for " + rs.getString(1) + " " + rs.getString(2),
                    number);
            if (!used.isEmpty() && used.get(0) != null) {
                problems.add(e.where() + ": invoice number " + number + " " + used.get(0));
                continue;
            }
            numbers.put(e.item(), number);
        }
        if (wholeList) {
            for (String item : items) {
                if (entries.stream().noneMatch(e -> e.item().equals(item))) {
                    problems.add("the list has no line " + item + ", which " + a.id() + " has");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new EngineException(String.join("; ", problems) + " — nothing was registered");
        }
        return numbers;
    }

    /** The reviewer rejects the invoice: it goes back to the partner with the note; new numbers are awaited. */
    public StatementStatus reject(String applicationId, String note, String operator) {
        return lock.holding("invoices reject " + applicationId + " by " + operator, () -> transaction.execute(tx -> {
            Application a = application(applicationId);
            if (!a.owed()) {
                lifecycle.transition(a.statementId(), StatementStatus.INVOICE_REJECTED, operator, note);
                return StatementStatus.INVOICE_REJECTED;
            }
            if (!a.invoiceStatus().equals("IN_REVIEW")) {
                throw new EngineException(applicationId + ": its owed invoice is " + a.invoiceStatus()
                        + ", not IN_REVIEW: there is nothing to reject");
            }
            if (note == null || note.isBlank()) {
                throw new EngineException(applicationId + ": a rejected invoice goes back to the partner with the "
                        + "reviewer's note (--note TEXT)");
            }
            lifecycle.invoiceRejected(applicationId, note);
            lifecycle.recordInvoiceEvent(a.statementId(), operator, "owed invoice rejected: " + note);
            return a.statementStatus();
        }));
    }

    /** The reviewer accepts an owed invoice; an invoice due before payment is accepted by moving on to DISBURSING. */
    public void accept(String applicationId, String operator) {
        lock.holding("invoices accept " + applicationId + " by " + operator, () -> transaction.executeWithoutResult(tx -> {
            Application a = application(applicationId);
            if (!a.owed()) {
                throw new EngineException(applicationId + ": its invoice comes before payment; accept it with "
                        + "./run.sh transition --statement " + a.statementId() + " --to DISBURSING");
            }
            if (!a.invoiceStatus().equals("IN_REVIEW")) {
                throw new EngineException(applicationId + ": its owed invoice is " + a.invoiceStatus()
                        + ", not IN_REVIEW: there is nothing to accept");
            }
            jdbc.update("UPDATE payment_application SET invoice_status = 'ACCEPTED', list_stale = TRUE WHERE application_id = ?",
                    applicationId);
            lifecycle.recordInvoiceEvent(a.statementId(), operator, "owed invoice accepted");
        }));
    }

    private Application application(String applicationId) {
        List<Application> found = jdbc.query("""
                SELECT a.application_id, a.statement_id, s.status, a.disbursement_method, a.invoice_status
                  FROM payment_application a JOIN statement s ON s.statement_id = a.statement_id
                 WHERE a.application_id = ?""", (rs, n) -> new Application(rs.getString(1), rs.getString(2),
                StatementStatus.valueOf(rs.getString(3)), "ACCOUNT_INVOICE_OWED".equals(rs.getString(4)),
                rs.getString(5)), applicationId);
        if (found.isEmpty()) {
            throw new EngineException("no payment application " + applicationId);
        }
        return found.get(0);
    }

    private boolean alreadyRegistered(String applicationId, List<FilledInvoiceList.Entry> entries) {
        Map<String, String> current = current(applicationId);
        return entries.stream().allMatch(e -> e.number().equals(current.get(e.item())));
    }

    private Map<String, String> current(String applicationId) {
        Map<String, String> numbers = new LinkedHashMap<>();
        jdbc.query("""
                SELECT item, invoice_number FROM invoice_number WHERE application_id = ? AND rejected = FALSE
                 ORDER BY item""", rs -> {
            numbers.put(rs.getString(1), rs.getString(2));
        }, applicationId);
        return numbers;
    }

    private static String describe(Map<String, String> numbers) {
        List<String> parts = new ArrayList<>();
        numbers.forEach((item, number) -> parts.add(item + " " + number));
        return String.join(", ", parts);
    }
}
