-- Kaohe's business records, beside Camunda's tables. Portable between H2 (default) and PostgreSQL.

-- One row per published round: what was published and to whom.
CREATE TABLE kaohe_round (
    round_id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    organisation        VARCHAR(64)  NOT NULL,
    round_year          INTEGER      NOT NULL,
    title               VARCHAR(200) NOT NULL,
    notice_json         TEXT         NOT NULL,
    submission_deadline DATE         NOT NULL,
    unit_count          INTEGER      NOT NULL,
    published_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per unit taking part in a round.
CREATE TABLE kaohe_round_unit (
    round_id            VARCHAR(64)  NOT NULL REFERENCES kaohe_round (round_id),
    unit_code           VARCHAR(64)  NOT NULL,
    unit_name           VARCHAR(200) NOT NULL,
    unit_kind           VARCHAR(32)  NOT NULL,
    process_instance_id VARCHAR(64),
    PRIMARY KEY (round_id, unit_code)
);

-- Every submitted package, one version per submission; the latest version is the unit's package.
CREATE TABLE kaohe_submission (
    round_id            VARCHAR(64)  NOT NULL,
    unit_code           VARCHAR(64)  NOT NULL,
    version             INTEGER      NOT NULL,
    package_json        TEXT         NOT NULL,
    submitted_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    late                BOOLEAN      NOT NULL,
    approved_by         VARCHAR(64),
    status              VARCHAR(16)  NOT NULL,
    status_comment      VARCHAR(1000),
    process_instance_id VARCHAR(64)  NOT NULL,
    PRIMARY KEY (round_id, unit_code, version),
    FOREIGN KEY (round_id, unit_code) REFERENCES kaohe_round_unit (round_id, unit_code)
);
