package dev.atelier.generation;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.atelier.Api;
import dev.atelier.AtelierTest;
import dev.atelier.engine.TextEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.HtmlUtils;

/** With no text engine, the offering page says so, says how to fix it, and takes no free preview. */
@AtelierTest
@TestPropertySource(properties = "atelier.engine.text.id=none")
class EngineUnavailablePagesTests {

    @Autowired
    Api api;

    @Autowired
    TextEngine engine;

    @Autowired
    Offerings offerings;

    @Test
    void the_offering_page_explains_how_to_turn_generation_on_and_disables_the_brief_form() throws Exception {
        var market = new Market(api);
        var creator = market.trainedCreator();
        var slug = market.publish(creator, Map.of("title", "Unavailable essays")).get("slug").asString();
        var client = GenerationPagesTests.session(api, api.signUp("CLIENT"));
        var howToFix = HtmlUtils.htmlEscape(engine.status().message());

        api.mvc().perform(get("/o/" + slug).session(client))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"engine-unavailable\""),
                        containsString("Generation is unavailable right now."), containsString(howToFix),
                        containsString("atelier.engine.text.id=llama-cpp"), containsString("<fieldset disabled"))));

        api.mvc().perform(post("/o/" + slug + "/previews").session(client).with(csrf())
                        .param("brief", "A short essay on why small brands should write plainly."))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(howToFix),
                        containsString("A short essay on why small brands should write plainly.</textarea>"),
                        containsString("3 free previews left today."))));
    }
}
