create table subscription (
    creator_id           uuid primary key,
    plan                 varchar(60) not null,
    price_minor          bigint      not null,
    currency             char(3)     not null,
    status               varchar(16) not null,
    current_period_start timestamp with time zone not null,
    current_period_end   timestamp with time zone not null,
    cancel_at_period_end boolean     not null,
    updated_at           timestamp with time zone not null,
    constraint subscription_status_check check (status in ('ACTIVE', 'PAST_DUE', 'CANCELED'))
);
create index subscription_due on subscription (status, current_period_end);
