package dev.atelier.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import dev.atelier.Api;
import dev.atelier.AtelierTest;

@AtelierTest
class WebSecurityTests {

    @Autowired
    Api api;

    @Test
    void pages_carry_strict_security_headers() throws Exception {
        api.mvc().perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", Matchers.allOf(
                        Matchers.containsString("default-src 'self'"), Matchers.containsString("frame-ancestors 'none'"),
                        Matchers.containsString("script-src 'self'"))))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"));
        api.mvc().perform(get("/api/accounts/me"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("frame-ancestors 'none'")));
    }

    @Test
    void the_openai_compatible_api_is_stateless_and_asks_for_credentials_with_a_problem() throws Exception {
        api.mvc().perform(get("/v1/models"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", Matchers.startsWith("Bearer")))
                .andExpect(header().doesNotExist("Set-Cookie"));
        var client = api.signUp("CLIENT");
        api.as(client, post("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().is4xxClientError())
                .andExpect(status().is(Matchers.not(Matchers.oneOf(401, 403))));
    }

    @Test
    void forms_need_a_csrf_token() throws Exception {
        var email = Api.uniqueEmail("csrf");
        api.mvc().perform(post("/signup").param("email", email).param("password", "long-enough-pass")
                        .param("displayName", "No token").param("role", "CLIENT"))
                .andExpect(status().isForbidden());
        api.mvc().perform(post("/signup").with(csrf()).param("email", email).param("password", "long-enough-pass")
                        .param("displayName", "With token").param("role", "CLIENT"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/dashboard"));
    }

    @Test
    void the_sign_up_form_explains_each_invalid_field_and_opens_no_account() throws Exception {
        var email = "not-an-email";
        api.mvc().perform(post("/signup").with(csrf()).param("email", email).param("password", "short")
                        .param("displayName", "").param("role", "CREATOR"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("Enter an email address like name@example.com."),
                        Matchers.containsString("Use a password of 10 to 128 characters."),
                        Matchers.containsString("Tell us the name to show."),
                        Matchers.containsString("aria-invalid=\"true\""))));
    }

    @Test
    void pages_are_served_for_anonymous_visitors_where_they_should_be() throws Exception {
        api.mvc().perform(get("/")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Join as a creator")));
        api.mvc().perform(get("/signup")).andExpect(status().isOk());
        api.mvc().perform(get("/login")).andExpect(status().isOk());
        api.mvc().perform(get("/css/atelier.css")).andExpect(status().isOk());
        api.mvc().perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
        api.mvc().perform(get("/setup")).andExpect(status().is3xxRedirection());
    }
}
