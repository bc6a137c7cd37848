-- A confirmed statement is a document: what its Statement and Details sheets show is kept with it when it is generated
-- (and so when it is confirmed), never read live from the ledger, whose unsettled details later runs recompute.
ALTER TABLE statement ADD COLUMN partner_name VARCHAR(400);
ALTER TABLE statement_detail ADD COLUMN period CHAR(7);
ALTER TABLE statement_detail ADD COLUMN partner_id VARCHAR(64);
ALTER TABLE statement_detail ADD COLUMN customer_id VARCHAR(64);
ALTER TABLE statement_detail ADD COLUMN association_type VARCHAR(16);
ALTER TABLE statement_detail ADD COLUMN service_type_code VARCHAR(128);
ALTER TABLE statement_detail ADD COLUMN order_id VARCHAR(128);
ALTER TABLE statement_detail ADD COLUMN funding VARCHAR(8);
ALTER TABLE statement_detail ADD COLUMN currency CHAR(3);
ALTER TABLE statement_detail ADD COLUMN late BOOLEAN;
ALTER TABLE statement_detail ADD COLUMN base DECIMAL(28,8);
ALTER TABLE statement_detail ADD COLUMN rate DECIMAL(9,6);
ALTER TABLE statement_detail ADD COLUMN freeze_reason VARCHAR(16);
ALTER TABLE statement_detail ADD COLUMN parent_detail_id VARCHAR(80);
ALTER TABLE statement_detail ADD COLUMN milestone_no INTEGER;
ALTER TABLE statement_detail ADD COLUMN unfreeze_ratio DECIMAL(12,8);
ALTER TABLE statement_detail ADD COLUMN tier VARCHAR(16);
UPDATE statement_detail SET period = (SELECT d.period FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       partner_id = (SELECT d.partner_id FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       customer_id = (SELECT d.customer_id FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       association_type = (SELECT d.association_type FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       service_type_code = (SELECT d.service_type_code FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       order_id = (SELECT d.order_id FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       funding = (SELECT d.funding FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       currency = (SELECT d.currency FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       late = (SELECT d.late FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       base = (SELECT d.base FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       rate = (SELECT d.rate FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       freeze_reason = (SELECT d.freeze_reason FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       parent_detail_id = (SELECT d.parent_detail_id FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       milestone_no = (SELECT d.milestone_no FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       unfreeze_ratio = (SELECT d.unfreeze_ratio FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id),
       tier = (SELECT d.tier FROM incentive_detail d WHERE d.detail_id = statement_detail.detail_id);

-- A period whose performance status changed (confirmed: FINAL; countersign rejected: ESTIMATED) since its performance
-- workbook was written; the command that changed it rewrites the workbook before it exits.
ALTER TABLE performance_period ADD COLUMN workbook_stale BOOLEAN DEFAULT FALSE NOT NULL;

-- The invoice list written for each payment application, with the application's creation it was written for: an
-- application withdrawn (countersign rejected) has its list set aside under another name, and a new application of
-- the same id gets a new list.
CREATE TABLE invoice_list_file (
  application_id VARCHAR(40) NOT NULL PRIMARY KEY,
  period         CHAR(7)     NOT NULL,
  created_at     TIMESTAMP   NOT NULL
);
