-- Money an API call holds in escrow until it is settled or released. A hold still HELD long after any call could
-- have ended belongs to a call whose node died: a sweeper releases it back to the wallet.
create table api_hold (
    call_id      uuid primary key,
    client_id    uuid        not null references account (id),
    offering_id  uuid        not null references offering (id),
    amount_minor bigint      not null,
    currency     char(3)     not null,
    status       varchar(16) not null,
    created_at   timestamp with time zone not null,
    closed_at    timestamp with time zone,
    constraint api_hold_status_check check (status in ('HELD', 'SETTLED', 'RELEASED'))
);
create index api_hold_open on api_hold (status, created_at);
