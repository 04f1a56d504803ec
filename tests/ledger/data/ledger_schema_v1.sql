-- A ledger file written by infomanager_core with schema version 1 (before ledger_paid_orders), dumped with
-- sqlite3's iterdump; the header (application_id, user_version) = (1229802567, 1) is set at the end.
BEGIN TRANSACTION;
CREATE TABLE ledger_balances (
    account_kind    TEXT    NOT NULL,
    owner           TEXT    NOT NULL,
    currency        TEXT    NOT NULL,
    posted          INTEGER NOT NULL CHECK (typeof(posted) = 'integer'),
    pending_debits  INTEGER NOT NULL CHECK (typeof(pending_debits) = 'integer'),
    pending_credits INTEGER NOT NULL CHECK (typeof(pending_credits) = 'integer'),
    PRIMARY KEY (account_kind, owner, currency)
);
INSERT INTO "ledger_balances" VALUES('prepaid','acme','CHF',4500,0,0);
INSERT INTO "ledger_balances" VALUES('transfers_received','','CHF',-15000,0,0);
INSERT INTO "ledger_balances" VALUES('order_settlement','','CHF',7000,0,0);
INSERT INTO "ledger_balances" VALUES('prepaid','globex','CHF',3500,0,0);
INSERT INTO "ledger_balances" VALUES('prepaid','acme','EUR',0,0,0);
INSERT INTO "ledger_balances" VALUES('transfers_received','','EUR',-800,0,0);
INSERT INTO "ledger_balances" VALUES('order_settlement','','EUR',800,0,0);
CREATE TABLE ledger_idempotency (
    key         TEXT    PRIMARY KEY,
    fingerprint TEXT    NOT NULL,
    sequence    INTEGER NOT NULL REFERENCES ledger_transactions (sequence)
);
INSERT INTO "ledger_idempotency" VALUES('t-1','top_up|amount=(10000, ''CHF'')|organisation=''acme''|reference=None',1);
INSERT INTO "ledger_idempotency" VALUES('p-1','order_payment|amount=(3000, ''CHF'')|order=''ORD-1''|organisation=''acme''|partial=False',2);
INSERT INTO "ledger_idempotency" VALUES('p-2','order_payment|amount=(1000, ''CHF'')|order=''ORD-2''|organisation=''acme''|partial=False',3);
INSERT INTO "ledger_idempotency" VALUES('undo-p-2','reversal|reason=None|sequence=3',4);
INSERT INTO "ledger_idempotency" VALUES('p-3','order_payment|amount=(500, ''CHF'')|order=''ORD-3''|organisation=''acme''|partial=False',5);
INSERT INTO "ledger_idempotency" VALUES('undo-p-3','reversal|reason=None|sequence=5',6);
INSERT INTO "ledger_idempotency" VALUES('redo-p-3','reversal|reason=None|sequence=6',7);
INSERT INTO "ledger_idempotency" VALUES('p-1-retry','order_payment|amount=(2000, ''CHF'')|order=''ORD-1''|organisation=''acme''|partial=False',8);
INSERT INTO "ledger_idempotency" VALUES('t-2','top_up|amount=(5000, ''CHF'')|organisation=''globex''|reference=None',9);
INSERT INTO "ledger_idempotency" VALUES('g-1','order_payment|amount=(1500, ''CHF'')|order=''ORD-1''|organisation=''globex''|partial=False',10);
INSERT INTO "ledger_idempotency" VALUES('t-3','top_up|amount=(800, ''EUR'')|organisation=''acme''|reference=None',11);
INSERT INTO "ledger_idempotency" VALUES('p-4','order_payment|amount=(1200, ''EUR'')|order=''ORD-4''|organisation=''acme''|partial=True',12);
CREATE TABLE ledger_postings (
    sequence     INTEGER NOT NULL REFERENCES ledger_transactions (sequence),
    position     INTEGER NOT NULL,
    account_kind TEXT    NOT NULL,
    owner        TEXT    NOT NULL,
    currency     TEXT    NOT NULL,
    units        INTEGER NOT NULL CHECK (typeof(units) = 'integer'),
    PRIMARY KEY (sequence, position)
);
INSERT INTO "ledger_postings" VALUES(1,0,'prepaid','acme','CHF',10000);
INSERT INTO "ledger_postings" VALUES(1,1,'transfers_received','','CHF',-10000);
INSERT INTO "ledger_postings" VALUES(2,0,'order_settlement','','CHF',3000);
INSERT INTO "ledger_postings" VALUES(2,1,'prepaid','acme','CHF',-3000);
INSERT INTO "ledger_postings" VALUES(3,0,'order_settlement','','CHF',1000);
INSERT INTO "ledger_postings" VALUES(3,1,'prepaid','acme','CHF',-1000);
INSERT INTO "ledger_postings" VALUES(4,0,'order_settlement','','CHF',-1000);
INSERT INTO "ledger_postings" VALUES(4,1,'prepaid','acme','CHF',1000);
INSERT INTO "ledger_postings" VALUES(5,0,'order_settlement','','CHF',500);
INSERT INTO "ledger_postings" VALUES(5,1,'prepaid','acme','CHF',-500);
INSERT INTO "ledger_postings" VALUES(6,0,'order_settlement','','CHF',-500);
INSERT INTO "ledger_postings" VALUES(6,1,'prepaid','acme','CHF',500);
INSERT INTO "ledger_postings" VALUES(7,0,'order_settlement','','CHF',500);
INSERT INTO "ledger_postings" VALUES(7,1,'prepaid','acme','CHF',-500);
INSERT INTO "ledger_postings" VALUES(8,0,'order_settlement','','CHF',2000);
INSERT INTO "ledger_postings" VALUES(8,1,'prepaid','acme','CHF',-2000);
INSERT INTO "ledger_postings" VALUES(9,0,'prepaid','globex','CHF',5000);
INSERT INTO "ledger_postings" VALUES(9,1,'transfers_received','','CHF',-5000);
INSERT INTO "ledger_postings" VALUES(10,0,'order_settlement','','CHF',1500);
INSERT INTO "ledger_postings" VALUES(10,1,'prepaid','globex','CHF',-1500);
INSERT INTO "ledger_postings" VALUES(11,0,'prepaid','acme','EUR',800);
INSERT INTO "ledger_postings" VALUES(11,1,'transfers_received','','EUR',-800);
INSERT INTO "ledger_postings" VALUES(12,0,'order_settlement','','EUR',800);
INSERT INTO "ledger_postings" VALUES(12,1,'prepaid','acme','EUR',-800);
CREATE TABLE ledger_transactions (
    sequence    INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL,
    effective   TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    pending     INTEGER NOT NULL,
    reverses    INTEGER UNIQUE REFERENCES ledger_transactions (sequence),
    resolves    INTEGER UNIQUE REFERENCES ledger_transactions (sequence),
    metadata    TEXT    NOT NULL
);
INSERT INTO "ledger_transactions" VALUES(1,'t-1','top_up','2026-03-02','2026-03-02T09:00:00+00:00',0,NULL,NULL,'[]');
INSERT INTO "ledger_transactions" VALUES(2,'p-1','order_payment','2026-03-02','2026-03-02T09:00:00+00:00',0,NULL,NULL,'[["order", "ORD-1"]]');
INSERT INTO "ledger_transactions" VALUES(3,'p-2','order_payment','2026-03-02','2026-03-02T09:00:00+00:00',0,NULL,NULL,'[["order", "ORD-2"]]');
INSERT INTO "ledger_transactions" VALUES(4,'undo-p-2','reversal','2026-03-02','2026-03-02T09:00:00+00:00',0,3,NULL,'[]');
INSERT INTO "ledger_transactions" VALUES(5,'p-3','order_payment','2026-03-02','2026-03-02T09:00:00+00:00',0,NULL,NULL,'[["order", "ORD-3"]]');
INSERT INTO "ledger_transactions" VALUES(6,'undo-p-3','reversal','2026-03-02','2026-03-02T09:00:00+00:00',0,5,NULL,'[]');
INSERT INTO "ledger_transactions" VALUES(7,'redo-p-3','reversal','2026-03-02','2026-03-02T09:00:00+00:00',0,6,NULL,'[]');
INSERT INTO "ledger_transactions" VALUES(8,'p-1-retry','order_payment','2026-03-02','2026-03-02T09:00:00+00:00',0,NULL,NULL,'[["order", "ORD-1"]]');
INSERT INTO "ledger_transactions" VALUES(9,'t-2','top_up','2026-03-02','2026-03-02T09:00:00+00:00',0,NULL,NULL,'[]');
INSERT INTO "ledger_transactions" VALUES(10,'g-1','order_payment','2026-03-02','2026-03-02T09:00:00+00:00',0,NULL,NULL,'[["order", "ORD-1"]]');
INSERT INTO "ledger_transactions" VALUES(11,'t-3','top_up','2026-03-02','2026-03-02T09:00:00+00:00',0,NULL,NULL,'[]');
INSERT INTO "ledger_transactions" VALUES(12,'p-4','order_payment','2026-03-02','2026-03-02T09:00:00+00:00',0,NULL,NULL,'[["order", "ORD-4"], ["requested", "1200"]]');
CREATE INDEX ledger_postings_by_account
    ON ledger_postings (account_kind, owner, currency, sequence);
COMMIT;
PRAGMA application_id = 1229802567;
PRAGMA user_version = 1;
