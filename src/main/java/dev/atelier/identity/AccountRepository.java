package dev.atelier.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.ErrorResponseException;

@Repository
class AccountRepository {

    private static final String COLUMNS = "id, email, password_hash, role, display_name, created_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Emails are compared case-insensitively, so they are stored trimmed and in lower case. */
    static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    Account create(String email, String passwordHash, Role role, String displayName) {
        var account = new Account(AccountId.random(), normalise(email), role, displayName.trim(),
                clock.instant());
        try {
            jdbc.sql("insert into account (" + COLUMNS + ") values (:id, :email, :hash, :role, :name, :created)")
                    .param("id", account.id().value())
                    .param("email", account.email())
                    .param("hash", passwordHash)
                    .param("role", role.name())
                    .param("name", account.displayName())
                    .param("created", OffsetDateTime.ofInstant(account.createdAt(), ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "An account with the email " + account.email() + " already exists.");
            problem.setTitle("Email already registered");
            throw new ErrorResponseException(HttpStatus.CONFLICT, problem, e);
        }
        return account;
    }

    Optional<Account> findById(AccountId id) {
        return jdbc.sql("select " + COLUMNS + " from account where id = :id")
                .param("id", id.value())
                .query(AccountRepository::account)
                .optional();
    }

    Optional<Account> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from account where email = :email")
                .param("email", normalise(email))
                .query(AccountRepository::account)
                .optional();
    }

    Optional<SignedInAccount> findForSignIn(String email) {
        return jdbc.sql("select " + COLUMNS + " from account where email = :email")
                .param("email", normalise(email))
                .query((rs, n) -> new SignedInAccount(account(rs, n), rs.getString("password_hash")))
                .optional();
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("select count(*) from account where role = :role")
                .param("role", role.name())
                .query(Long.class)
                .single() > 0;
    }

    List<Account> withRole(Role role) {
        return jdbc.sql("select " + COLUMNS + " from account where role = :role order by created_at")
                .param("role", role.name())
                .query(AccountRepository::account)
                .list();
    }

    static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(new AccountId(rs.getObject("id", UUID.class)), rs.getString("email"),
                Role.valueOf(rs.getString("role")), rs.getString("display_name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
