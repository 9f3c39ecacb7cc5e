-- Immutable model versions with lineage, the training jobs that build them, and the chunk vectors they are
-- built from (kept so that an index can be rebuilt on any node, and so retraining embeds only what changed).
create table model_version (
    id             uuid primary key,
    creator_id     uuid         not null references account (id),
    number         integer      not null,
    status         varchar(16)  not null,
    active         boolean      not null,
    reason         varchar(300) not null,
    created_at     timestamp with time zone not null,
    finished_at    timestamp with time zone,
    metrics        varchar(4000),
    style_profile  varchar(200000),
    classifier     varchar(400000),
    retired_reason varchar(500),
    failure        varchar(1000),
    constraint model_version_number_unique unique (creator_id, number),
    constraint model_version_status_check check (status in ('TRAINING', 'READY', 'FAILED', 'RETIRED'))
);

create table model_version_item (
    version_id         uuid        not null references model_version (id),
    work_id            uuid        not null,
    title              varchar(200) not null,
    kind               varchar(16) not null,
    sha256             char(64)    not null,
    consent_changed_at timestamp with time zone not null,
    primary key (version_id, work_id)
);
create index model_version_item_work on model_version_item (work_id);

create table training_job (
    id               uuid primary key,
    creator_id       uuid        not null references account (id),
    version_id       uuid        not null references model_version (id),
    status           varchar(16) not null,
    phase            varchar(40) not null,
    done             integer     not null,
    total            integer     not null,
    created_at       timestamp with time zone not null,
    started_at       timestamp with time zone,
    heartbeat_at     timestamp with time zone,
    finished_at      timestamp with time zone,
    cancel_requested boolean     not null,
    error            varchar(1000),
    constraint training_job_status_check
        check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
);
create index training_job_pending on training_job (status, heartbeat_at);

create table model_chunk (
    creator_id   uuid          not null references account (id),
    work_id      uuid          not null,
    ordinal      integer       not null,
    content_hash char(64)      not null,
    section      varchar(200)  not null,
    text         varchar(40000) not null,
    vector       bytea         not null,
    primary key (creator_id, work_id, ordinal)
);
create index model_chunk_hash on model_chunk (creator_id, content_hash);
