-- Grassroots stationing (seed 002). Portable between H2 and PostgreSQL.

-- One department's report on one paired city for one month (附件2), as JSON of the form, with the visits below.
-- status: open | submitted
CREATE TABLE kaohe_stationing_report (
    organisation        VARCHAR(64)  NOT NULL,
    report_year         INTEGER      NOT NULL,
    report_month        INTEGER      NOT NULL,
    department          VARCHAR(64)  NOT NULL,
    city                VARCHAR(64)  NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    report_json         TEXT,
    submitted_by        VARCHAR(64),
    submitted_at        TIMESTAMP WITH TIME ZONE,
    late                BOOLEAN      NOT NULL,
    process_instance_id VARCHAR(64),
    PRIMARY KEY (organisation, report_year, report_month, department, city)
);

-- A full day spent at the grassroots by one cadre (本月驻点时间及人员): the unit of both minimums.
CREATE TABLE kaohe_stationing_day (
    organisation        VARCHAR(64)  NOT NULL,
    report_year         INTEGER      NOT NULL,
    report_month        INTEGER      NOT NULL,
    department          VARCHAR(64)  NOT NULL,
    city                VARCHAR(64)  NOT NULL,
    stationed_on        DATE         NOT NULL,
    cadre               VARCHAR(64)  NOT NULL,
    PRIMARY KEY (organisation, report_year, department, city, stationed_on, cadre)
);

-- Shortfalls found by the checks (month: a department below its monthly minimum; year: a cadre below the yearly one),
-- flagged to the supervisors. kind: department-month | cadre-year; cadre is '' for department-month.
CREATE TABLE kaohe_stationing_shortfall (
    organisation        VARCHAR(64)  NOT NULL,
    report_year         INTEGER      NOT NULL,
    report_month        INTEGER      NOT NULL,
    kind                VARCHAR(32)  NOT NULL,
    department          VARCHAR(64)  NOT NULL,
    cadre               VARCHAR(64)  NOT NULL,
    days                INTEGER      NOT NULL,
    required_days       INTEGER      NOT NULL,
    found_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (organisation, report_year, report_month, kind, department, cadre)
);

-- The once-a-year filings: a city's local plan, a department's project report, its party-course materials.
-- kind: city-plan | project-report | party-courses; status: open | submitted | received
CREATE TABLE kaohe_stationing_filing (
    organisation        VARCHAR(64)  NOT NULL,
    filing_year         INTEGER      NOT NULL,
    kind                VARCHAR(32)  NOT NULL,
    unit_code           VARCHAR(64)  NOT NULL,
    receiving_department VARCHAR(64) NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    filing_json         TEXT,
    submitted_by        VARCHAR(64),
    submitted_at        TIMESTAMP WITH TIME ZONE,
    late                BOOLEAN      NOT NULL,
    process_instance_id VARCHAR(64),
    PRIMARY KEY (organisation, filing_year, kind, unit_code)
);
