-- The monthly key-work progress report (seed 003) against the year's key work (seed 001). Portable between H2 and
-- PostgreSQL; generated documents stay Camunda file variables of the month's instance, as for the yearly round.

-- The year's key-work catalogue as approved by the office: one row per year and organisation.
CREATE TABLE kaohe_key_work_catalogue (
    organisation        VARCHAR(64)  NOT NULL,
    work_year           INTEGER      NOT NULL,
    title               VARCHAR(200) NOT NULL,
    approved_by         VARCHAR(64)  NOT NULL,
    approved_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    process_instance_id VARCHAR(64)  NOT NULL,
    PRIMARY KEY (organisation, work_year)
);

-- Its lines (重点工作), numbered in the order of the compiled report (序号), each with one responsible department.
CREATE TABLE kaohe_key_work_line (
    organisation        VARCHAR(64)  NOT NULL,
    work_year           INTEGER      NOT NULL,
    line_number         INTEGER      NOT NULL,
    section_title       VARCHAR(200),
    title               VARCHAR(200) NOT NULL,
    description         TEXT,
    department          VARCHAR(64)  NOT NULL,
    PRIMARY KEY (organisation, work_year, line_number),
    FOREIGN KEY (organisation, work_year) REFERENCES kaohe_key_work_catalogue (organisation, work_year)
);

-- One row per month reported on: opened by the year's timer, compiled, approved by the office.
-- status: open | compiled | approved
CREATE TABLE kaohe_progress_month (
    organisation        VARCHAR(64)  NOT NULL,
    report_year         INTEGER      NOT NULL,
    report_month        INTEGER      NOT NULL,
    opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    compiled_at         TIMESTAMP WITH TIME ZONE,
    approved_at         TIMESTAMP WITH TIME ZONE,
    approved_by         VARCHAR(64),
    status              VARCHAR(16)  NOT NULL,
    process_instance_id VARCHAR(64)  NOT NULL,
    PRIMARY KEY (organisation, report_year, report_month)
);

-- One department's report on the month: which department, its instance and where it stands.
-- status: open | submitted | missing (the office compiled without it)
CREATE TABLE kaohe_progress_department (
    organisation        VARCHAR(64)  NOT NULL,
    report_year         INTEGER      NOT NULL,
    report_month        INTEGER      NOT NULL,
    department          VARCHAR(64)  NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    submitted_by        VARCHAR(64),
    submitted_at        TIMESTAMP WITH TIME ZONE,
    late                BOOLEAN      NOT NULL,
    process_instance_id VARCHAR(64),
    PRIMARY KEY (organisation, report_year, report_month, department),
    FOREIGN KEY (organisation, report_year, report_month)
        REFERENCES kaohe_progress_month (organisation, report_year, report_month)
);

-- Each line's two columns for the month (本月推进情况, 下一步推进计划); a line without a row was not reported.
CREATE TABLE kaohe_progress_entry (
    organisation        VARCHAR(64)  NOT NULL,
    report_year         INTEGER      NOT NULL,
    report_month        INTEGER      NOT NULL,
    line_number         INTEGER      NOT NULL,
    department          VARCHAR(64)  NOT NULL,
    progress            TEXT         NOT NULL,
    next_plan           TEXT         NOT NULL,
    PRIMARY KEY (organisation, report_year, report_month, line_number),
    FOREIGN KEY (organisation, report_year, report_month, department)
        REFERENCES kaohe_progress_department (organisation, report_year, report_month, department)
);
