-- Performance and other consumption per customer, as the performance refresh classified the period's records: one row
-- per partner, customer, account manager (as on each record's bill date) and currency. Rebuilt at each refresh.
-- other_consumption is what the counted records were paid with besides cash, credit and stored-value card (vouchers,
-- coupons, bonus, …): payment_amount − cash part − credit part, subtracted as an absolute value for refunds.
CREATE TABLE performance_customer (
  partner_id        VARCHAR(64)   NOT NULL,
  period            CHAR(7)       NOT NULL,
  customer_id       VARCHAR(64)   NOT NULL,
  manager_id        VARCHAR(64)   NOT NULL,
  currency          CHAR(3)       NOT NULL,
  performance       DECIMAL(28,8) NOT NULL,
  other_consumption DECIMAL(28,8) NOT NULL,
  record_count      BIGINT        NOT NULL,
  PRIMARY KEY (period, partner_id, customer_id, manager_id, currency)
);
