-- The assessment phase's records: every score that makes a unit's result, who gave it and when, so that a
-- result can be traced back. Portable between H2 (default) and PostgreSQL: no BLOBs (files stay Camunda
-- file variables), identity columns in the SQL standard form both accept.

-- Indicator evaluation: one row per round, area and assessed unit, written when the lead department finishes.
CREATE TABLE kaohe_review (
    round_id     VARCHAR(64)   NOT NULL REFERENCES kaohe_round (round_id),
    area_code    VARCHAR(64)   NOT NULL,
    unit_code    VARCHAR(64)   NOT NULL,
    grade        VARCHAR(32)   NOT NULL,
    score        DECIMAL(6, 2) NOT NULL,
    review_comment VARCHAR(1200) NOT NULL,
    department   VARCHAR(64)   NOT NULL,
    reviewed_by  VARCHAR(64),
    reviewed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (round_id, area_code, unit_code)
);

-- Cooperating departments' opinions on a unit in an area, which the lead department sees.
CREATE TABLE kaohe_review_opinion (
    round_id     VARCHAR(64)   NOT NULL REFERENCES kaohe_round (round_id),
    area_code    VARCHAR(64)   NOT NULL,
    unit_code    VARCHAR(64)   NOT NULL,
    department   VARCHAR(64)   NOT NULL,
    opinion      VARCHAR(2000) NOT NULL,
    given_by     VARCHAR(64),
    given_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (round_id, area_code, unit_code, department)
);

-- The city party committee's evaluation, as recorded by the organisation department: a grade or a score.
CREATE TABLE kaohe_party_evaluation (
    round_id     VARCHAR(64)   NOT NULL REFERENCES kaohe_round (round_id),
    unit_code    VARCHAR(64)   NOT NULL,
    grade        VARCHAR(32),
    score        DECIMAL(6, 2),
    evaluation_text VARCHAR(4000),
    recorded_by  VARCHAR(64),
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (round_id, unit_code)
);

-- The youth survey's result per unit; source = entered | imported.
CREATE TABLE kaohe_youth_survey (
    round_id     VARCHAR(64)   NOT NULL REFERENCES kaohe_round (round_id),
    unit_code    VARCHAR(64)   NOT NULL,
    sample_size  INTEGER       NOT NULL,
    awareness    DECIMAL(6, 2) NOT NULL,
    satisfaction DECIMAL(6, 2) NOT NULL,
    source       VARCHAR(16)   NOT NULL,
    recorded_by  VARCHAR(64),
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (round_id, unit_code)
);

-- The score of the summary and oral report (述职评议) from the meeting.
CREATE TABLE kaohe_oral_report (
    round_id     VARCHAR(64)   NOT NULL REFERENCES kaohe_round (round_id),
    unit_code    VARCHAR(64)   NOT NULL,
    score        DECIMAL(6, 2) NOT NULL,
    remarks      VARCHAR(1000),
    recorded_by  VARCHAR(64),
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (round_id, unit_code)
);

-- Innovation and award projects applied for, and the office's decision. project_key is the normalised project
-- name that finds the same project applied for twice (同一项目不重复加分). The evidence stays a Camunda file
-- variable of the applying unit's instance.
CREATE TABLE kaohe_bonus_application (
    application_id      VARCHAR(64)   NOT NULL PRIMARY KEY,
    round_id            VARCHAR(64)   NOT NULL REFERENCES kaohe_round (round_id),
    unit_code           VARCHAR(64)   NOT NULL,
    kind                VARCHAR(16)   NOT NULL,
    project_name        VARCHAR(200)  NOT NULL,
    project_key         VARCHAR(200)  NOT NULL,
    description         VARCHAR(2000) NOT NULL,
    evidence_variable   VARCHAR(64),
    evidence_name       VARCHAR(255),
    process_instance_id VARCHAR(64)   NOT NULL,
    applied_by          VARCHAR(64),
    applied_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    duplicate_of        VARCHAR(64),
    decision            VARCHAR(16),
    points              INTEGER,
    reason              VARCHAR(1000),
    decided_by          VARCHAR(64),
    decided_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX kaohe_bonus_application_unit ON kaohe_bonus_application (unit_code, project_key);

-- A score the office entered for a missing component (rule "block"), with the reason.
CREATE TABLE kaohe_component_entry (
    round_id     VARCHAR(64)   NOT NULL REFERENCES kaohe_round (round_id),
    unit_code    VARCHAR(64)   NOT NULL,
    component    VARCHAR(32)   NOT NULL,
    score        DECIMAL(6, 2) NOT NULL,
    reason       VARCHAR(1000) NOT NULL,
    entered_by   VARCHAR(64),
    entered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (round_id, unit_code, component)
);

-- The aggregated result per assessed unit; trace_json lists every score and rule that made it.
CREATE TABLE kaohe_result (
    round_id           VARCHAR(64)   NOT NULL REFERENCES kaohe_round (round_id),
    unit_code          VARCHAR(64)   NOT NULL,
    unit_kind          VARCHAR(32)   NOT NULL,
    indicator_score    DECIMAL(6, 2) NOT NULL,
    party_score        DECIMAL(6, 2) NOT NULL,
    youth_score        DECIMAL(6, 2) NOT NULL,
    oral_score         DECIMAL(6, 2) NOT NULL,
    bonus_points       DECIMAL(6, 2) NOT NULL,
    late_deduction     DECIMAL(6, 2) NOT NULL,
    total              DECIMAL(7, 2) NOT NULL,
    grade              VARCHAR(32)   NOT NULL,
    rank_in_kind       INTEGER       NOT NULL,
    trace_json         TEXT          NOT NULL,
    computed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (round_id, unit_code)
);

-- Every change the office makes to a computed result before or after the secretaries' meeting: who and why.
CREATE TABLE kaohe_result_adjustment (
    adjustment_id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    round_id      VARCHAR(64)   NOT NULL REFERENCES kaohe_round (round_id),
    unit_code     VARCHAR(64)   NOT NULL,
    field         VARCHAR(16)   NOT NULL,
    old_value     VARCHAR(32)   NOT NULL,
    new_value     VARCHAR(32)   NOT NULL,
    reason        VARCHAR(1000) NOT NULL,
    adjusted_by   VARCHAR(64),
    adjusted_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Documents Kaohe generated (party-evaluation requests, feedback letters, the results workbook), their mailing
-- and the office's confirmation of dispatch. The bytes are Camunda file variables of the round's instance.
CREATE TABLE kaohe_document (
    round_id      VARCHAR(64)   NOT NULL REFERENCES kaohe_round (round_id),
    kind          VARCHAR(32)   NOT NULL,
    unit_code     VARCHAR(64)   NOT NULL,
    file_name     VARCHAR(255)  NOT NULL,
    variable_name VARCHAR(128)  NOT NULL,
    sha256        VARCHAR(64)   NOT NULL,
    generated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    mailed_to     VARCHAR(255),
    mailed_at     TIMESTAMP WITH TIME ZONE,
    dispatched_by VARCHAR(64),
    dispatched_at TIMESTAMP WITH TIME ZONE,
    dispatch_method VARCHAR(32),
    dispatch_remarks VARCHAR(1000),
    PRIMARY KEY (round_id, kind, unit_code)
);
