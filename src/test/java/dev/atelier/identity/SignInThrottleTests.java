package dev.atelier.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.atelier.Api;
import dev.atelier.AtelierTest;

/** Limits: 5 failures per account and 20 per address in 15 minutes (the defaults). Each test uses its own address. */
@AtelierTest
class SignInThrottleTests {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @Autowired
    Api api;

    @Autowired
    AuditLog audit;

    @Test
    void an_account_that_failed_five_times_is_answered_429_even_with_the_right_password() throws Exception {
        var creator = api.signUp("CREATOR");
        var ip = from(freshAddress());
        for (var i = 0; i < 5; i++) {
            api.mvc().perform(login(creator.email(), "wrong-password").with(ip))
                    .andExpect(status().is3xxRedirection());
        }
        api.mvc().perform(login(creator.email(), creator.password()).with(ip))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(status().reason(org.hamcrest.Matchers.containsString("Too many failed sign-in attempts")));
        api.mvc().perform(login(creator.email(), creator.password())
                        .with(from(freshAddress())))
                .andExpect(status().isTooManyRequests());
        assertThat(audit.about("account-email:" + creator.email())).extracting(AuditLog.Entry::action)
                .containsOnly("SIGN_IN_FAILED").hasSize(5);
    }

    @Test
    void an_address_that_failed_twenty_times_is_answered_429_for_any_account() throws Exception {
        var address = freshAddress();
        for (var i = 0; i < 20; i++) {
            api.mvc().perform(login(Api.uniqueEmail("guess"), "guess").with(from(address)))
                    .andExpect(status().is3xxRedirection());
        }
        var client = api.signUp("CLIENT");
        api.mvc().perform(login(client.email(), client.password()).with(from(address)))
                .andExpect(status().isTooManyRequests());
        api.mvc().perform(login(client.email(), client.password())
                        .with(from(freshAddress())))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/dashboard"));
    }

    @Test
    void basic_authentication_is_throttled_with_a_problem_detail() throws Exception {
        var client = api.signUp("CLIENT");
        var ip = from(freshAddress());
        for (var i = 0; i < 5; i++) {
            api.mvc().perform(get("/api/accounts/me").header("Authorization", Api.basic(client.email(), "nope"))
                    .with(ip)).andExpect(status().isUnauthorized());
        }
        api.mvc().perform(get("/api/accounts/me").header("Authorization", Api.basic(client.email(), client.password()))
                        .with(ip))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.title").value("Too many sign-in attempts"));
        api.as(client, get("/api/accounts/me").with(ip)).andExpect(status().isOk());
    }

    private static MockHttpServletRequestBuilder login(String email, String password) {
        return post("/login").param("username", email).param("password", password).with(csrf());
    }

    private static String freshAddress() {
        var n = ADDRESSES.getAndIncrement();
        return "10.66." + (n / 250) + "." + (n % 250 + 1);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
