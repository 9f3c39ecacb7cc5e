package dev.atelier.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import dev.atelier.Api;

/** A fresh installation without admin settings: its own empty database, and the setup token from the log. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:first-admin;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa", "spring.datasource.password=",
        "atelier.admin.email=", "atelier.admin.password="})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class FirstAdminSetupTests {

    @Autowired
    MockMvc mvc;

    @Test
    void the_one_time_token_from_the_log_creates_the_first_admin_once(CapturedOutput output) throws Exception {
        var matcher = Pattern.compile("setup token:\\s+([0-9a-f]{32})").matcher(output.getAll());
        assertThat(matcher.find()).as("the token is printed").isTrue();
        var token = matcher.group(1);
        mvc.perform(get("/setup")).andExpect(status().isOk());

        var admin = "{\"email\":\"first@example.test\",\"password\":\"first-admin-pass\",\"displayName\":\"First\"}";
        mvc.perform(post("/api/setup").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"wrong\",\"admin\":" + admin + "}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/setup").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"" + token + "\",\"admin\":" + admin + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.role").value("ADMIN"));
        mvc.perform(get("/api/audit").header("Authorization", Api.basic("first@example.test", "first-admin-pass")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/setup").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"token\":\"" + token + "\",\"admin\":" + admin.replace("first@", "second@") + "}"))
                .andExpect(status().isConflict());
        mvc.perform(get("/setup")).andExpect(status().is3xxRedirection());
    }
}
