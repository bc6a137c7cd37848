-- Contracting entities (签约主体, reference/contracting-entities.csv): the invoice they accept and where invoices go.
-- An entity not listed takes the configured defaults.
CREATE TABLE contracting_entity (
  contracting_entity VARCHAR(400)  NOT NULL PRIMARY KEY,
  invoice_type       VARCHAR(200)  NOT NULL,
  mailing_address    VARCHAR(500)  NOT NULL,
  public_mailbox     VARCHAR(200)  NOT NULL,
  tax_wording        VARCHAR(500)
);

-- The invoice of a payment application: the partner's disbursement method in effect for its period (BANK_TRANSFER and
-- ACCOUNT invoice before payment, ACCOUNT_INVOICE_OWED after), and the review:
-- AWAITED (no numbers yet), IN_REVIEW (numbers registered), REJECTED (with the reviewer's note), ACCEPTED.
-- owed_since: the day an ACCOUNT_INVOICE_OWED partner was paid; the invoice is owed from then until its numbers come.
ALTER TABLE payment_application ADD COLUMN disbursement_method VARCHAR(24);
ALTER TABLE payment_application ADD COLUMN invoice_status VARCHAR(16) DEFAULT 'AWAITED' NOT NULL;
ALTER TABLE payment_application ADD COLUMN review_note VARCHAR(2000);
ALTER TABLE payment_application ADD COLUMN owed_since DATE;
-- the application changed since its invoice list was written (numbers registered, rejected, paid): rewrite the list
ALTER TABLE payment_application ADD COLUMN list_stale BOOLEAN DEFAULT TRUE NOT NULL;
UPDATE payment_application SET disbursement_method = (
  SELECT t.disbursement_method FROM partner_term t
   WHERE t.partner_id = payment_application.partner_id
     AND t.from_period = (SELECT MAX(x.from_period) FROM partner_term x
                           WHERE x.partner_id = payment_application.partner_id AND x.from_period <= payment_application.period));

-- Invoice numbers (发票号码) registered for the lines of payment applications. A number is used once, ever: a rejected
-- invoice keeps its row (rejected = TRUE) and the partner issues a new one.
CREATE TABLE invoice_number (
  invoice_number VARCHAR(64)  NOT NULL PRIMARY KEY,
  application_id VARCHAR(40)  NOT NULL,
  item           VARCHAR(32)  NOT NULL,
  registered_at  TIMESTAMP    NOT NULL,
  registered_by  VARCHAR(100) NOT NULL,
  rejected       BOOLEAN      DEFAULT FALSE NOT NULL
);
CREATE INDEX invoice_number_application_ix ON invoice_number (application_id);

-- Payment progress (付款进展): when the statement was paid and the payment's reference.
ALTER TABLE statement ADD COLUMN paid_on DATE;
ALTER TABLE statement ADD COLUMN payment_reference VARCHAR(200);
