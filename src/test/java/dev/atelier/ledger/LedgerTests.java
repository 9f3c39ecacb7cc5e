package dev.atelier.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.atelier.AtelierTest;
import dev.atelier.identity.AccountId;
import dev.atelier.problem.ProblemException;

@AtelierTest
class LedgerTests {

    private static final Currency USD = Currency.getInstance("USD");

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    private final AccountRef cash = AccountRef.platform(AccountKind.EXTERNAL_CASH, USD);

    @Test
    void an_overdraft_is_refused_and_writes_nothing() {
        var wallet = AccountRef.wallet(AccountId.random(), USD);
        ledger.post(Transfer.between(key(), "TOP_UP", "", cash, wallet, new Money(500, USD)));
        var overdraft = key();
        assertThatThrownBy(() -> ledger.post(Transfer.between(overdraft, "PURCHASE", "",
                wallet, AccountRef.earnings(AccountId.random(), USD), new Money(501, USD))))
                .isInstanceOf(InsufficientFunds.class)
                .hasMessageContaining("5.01 USD");
        assertThat(ledger.balance(wallet).minor()).isEqualTo(500);
        assertThat(ledger.find(overdraft)).isEmpty();
    }

    @Test
    void a_refused_key_can_be_used_again_once_funds_arrive() {
        var wallet = AccountRef.wallet(AccountId.random(), USD);
        var purchase = Transfer.between(key(), "PURCHASE", "", wallet,
                AccountRef.earnings(AccountId.random(), USD), new Money(300, USD));
        assertThatThrownBy(() -> ledger.post(purchase)).isInstanceOf(InsufficientFunds.class);
        ledger.post(Transfer.between(key(), "TOP_UP", "", cash, wallet, new Money(300, USD)));
        assertThat(ledger.post(purchase).replayed()).isFalse();
        assertThat(ledger.balance(wallet).minor()).isZero();
    }

    @Test
    void a_failure_after_the_money_rolls_the_money_back() {
        var wallet = AccountRef.wallet(AccountId.random(), USD);
        var topUp = key();
        assertThatThrownBy(() -> ledger.post(Transfer.between(topUp, "TOP_UP", "", cash, wallet,
                new Money(700, USD)), receipt -> {
            throw new IllegalStateException("the caller's own write failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(ledger.balance(wallet).minor()).isZero();
        assertThat(ledger.find(topUp)).isEmpty();
    }

    @Test
    void a_key_reused_for_another_transfer_is_a_conflict() {
        var wallet = AccountRef.wallet(AccountId.random(), USD);
        var reused = key();
        ledger.post(Transfer.between(reused, "TOP_UP", "", cash, wallet, new Money(100, USD)));
        assertThatThrownBy(() -> ledger.post(Transfer.between(reused, "TOP_UP", "", cash, wallet,
                new Money(200, USD))))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).getStatusCode().value()).isEqualTo(409);
        assertThat(ledger.balance(wallet).minor()).isEqualTo(100);
    }

    @Test
    void statements_list_postings_newest_first_with_running_balances() {
        var owner = AccountId.random();
        var wallet = AccountRef.wallet(owner, USD);
        ledger.post(Transfer.between(key(), "TOP_UP", "first", cash, wallet, new Money(1_000, USD)));
        ledger.post(Transfer.between(key(), "PURCHASE", "second", wallet,
                AccountRef.earnings(AccountId.random(), USD), new Money(250, USD)));
        var account = ledger.open(wallet);
        var lines = ledger.statement(account.id(), null, 10);
        assertThat(lines).extracting(StatementLine::memo).containsExactly("second", "first");
        assertThat(lines).extracting(line -> line.balanceAfter().minor()).containsExactly(750L, 1_000L);
        assertThat(ledger.statement(account.id(), lines.getFirst().postingId(), 10))
                .extracting(StatementLine::memo).containsExactly("first");
        assertThat(ledger.accountsOf(owner)).extracting(LedgerAccount::kind).containsExactly(AccountKind.WALLET);
    }

    @Test
    void the_database_refuses_a_negative_wallet_even_if_code_tried() {
        var wallet = ledger.open(AccountRef.wallet(AccountId.random(), USD));
        assertThatThrownBy(() -> jdbc.sql("update ledger_account set balance = -1 where id = :id")
                .param("id", wallet.id()).update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    @Test
    void transfers_must_balance_in_one_currency() {
        var a = AccountRef.wallet(AccountId.random(), USD);
        var b = AccountRef.earnings(AccountId.random(), USD);
        assertThatThrownBy(() -> new Transfer(key(), "X", "", List.of(new Transfer.Leg(a, -5), new Transfer.Leg(b, 4))))
                .hasMessage("postings must sum to zero");
        assertThatThrownBy(() -> new Transfer(key(), "X", "", List.of(new Transfer.Leg(a, -5),
                new Transfer.Leg(AccountRef.earnings(AccountId.random(), Currency.getInstance("EUR")), 5))))
                .hasMessage("all postings of a transfer must be in one currency");
        assertThatThrownBy(() -> new Transfer("", "X", "", List.of(new Transfer.Leg(a, -5), new Transfer.Leg(b, 5))))
                .hasMessageContaining("idempotency key");
        assertThatThrownBy(() -> new Transfer(key(), "X", "", List.of(new Transfer.Leg(a, -5), new Transfer.Leg(a, 5))))
                .hasMessage("each account may appear once in a transfer");
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }
}
