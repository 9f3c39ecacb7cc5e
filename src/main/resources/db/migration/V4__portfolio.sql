create table work (
    id                  uuid primary key,
    creator_id          uuid          not null references account (id),
    title               varchar(200)  not null,
    kind                varchar(16)   not null,
    media_type          varchar(120)  not null,
    file_name           varchar(255)  not null,
    size_bytes          bigint        not null,
    sha256              char(64)      not null,
    tags                varchar(1000) not null,
    metadata            varchar(8000) not null,
    extracted_text      varchar(1000000),
    train_consent       boolean       not null,
    consent_changed_at  timestamp with time zone not null,
    public_in_portfolio boolean       not null,
    storage_key         varchar(300)  not null,
    thumbnail_key       varchar(300),
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    constraint work_kind_check check (kind in ('TEXT', 'DOCUMENT', 'CODE', 'IMAGE', 'AUDIO')),
    constraint work_creator_sha_unique unique (creator_id, sha256)
);
create index work_creator on work (creator_id, created_at);
create index work_public on work (public_in_portfolio);
