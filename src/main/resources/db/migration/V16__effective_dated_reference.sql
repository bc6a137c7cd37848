-- Partners' terms are effective-dated: one row per partner and the first period it holds for (from_period; the
-- partner's earliest row holds for every period before it too, '0000-01'). The partner table keeps the name, the tax
-- id and the latest terms; what a period is priced, converted and invoiced with is read from partner_term.
CREATE TABLE partner_term (
  partner_id          VARCHAR(64)  NOT NULL,
  from_period         CHAR(7)      NOT NULL,
  tier                VARCHAR(16)  NOT NULL,
  settlement_currency CHAR(3)      NOT NULL,
  disbursement_method VARCHAR(32)  NOT NULL,
  contracting_entity  VARCHAR(400) NOT NULL,
  partner_tax_rate    DECIMAL(9,6) NOT NULL,
  PRIMARY KEY (partner_id, from_period)
);
INSERT INTO partner_term (partner_id, from_period, tier, settlement_currency, disbursement_method, contracting_entity,
                          partner_tax_rate)
SELECT partner_id, '0000-01', tier, settlement_currency, disbursement_method, contracting_entity, partner_tax_rate
  FROM partner;

-- The incentive policy is effective-dated the same way: a rate holds from from_period until the next row of its tier
-- and association type.
CREATE TABLE incentive_policy_rate (
  tier             VARCHAR(16)  NOT NULL,
  association_type VARCHAR(16)  NOT NULL,
  from_period      CHAR(7)      NOT NULL,
  rate             DECIMAL(9,6) NOT NULL,
  PRIMARY KEY (tier, association_type, from_period)
);
INSERT INTO incentive_policy_rate (tier, association_type, from_period, rate)
SELECT tier, association_type, '0000-01', rate FROM incentive_policy;
DROP TABLE incentive_policy;

-- The tier a detail was priced with (the partner's tier in effect for the detail's period).
ALTER TABLE incentive_detail ADD COLUMN tier VARCHAR(16);
