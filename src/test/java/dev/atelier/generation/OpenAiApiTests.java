package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.atelier.Api;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The OpenAI-compatible API as its users call it: the official OpenAI Java client, over real HTTP, against the
 * running server, with the real llama.cpp engine on the tiny GGUF behind it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(Api.class)
class OpenAiApiTests {

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    Market market;

    @BeforeEach
    void market() {
        market = new Market(api);
    }

    private OpenAIClient openAi(Api.Actor client) {
        return OpenAIOkHttpClient.builder().baseUrl("http://localhost:" + port + "/v1").apiKey(client.apiKey())
                .maxRetries(0).build();
    }

    @Test
    void a_real_openai_client_lists_and_calls_a_personal_model_and_each_call_is_billed() throws Exception {
        var creator = market.trainedCreator();
        var slug = market.publish(creator, Map.of("price", "2.00", "title", "Taglines")).get("slug").asString();
        var client = market.client(1_000);
        var openAi = openAi(client);

        assertThat(openAi.models().list().data()).extracting(Model::id).contains(slug);
        assertThat(openAi.models().list().data()).filteredOn(model -> model.id().equals(slug))
                .extracting(Model::ownedBy).containsExactly("Test creator");

        var completion = openAi.chat().completions().create(ChatCompletionCreateParams.builder().model(slug)
                .addSystemMessage("Keep it short.").addUserMessage("A tagline for a plain-spoken bakery.")
                .maxCompletionTokens(24).temperature(0.0).seed(7L).build());
        var text = completion.choices().getFirst().message().content().orElseThrow();
        assertThat(text).isNotBlank();
        var usage = completion.usage().orElseThrow();
        assertThat(usage.completionTokens()).isBetween(1L, 24L);
        assertThat(usage.promptTokens()).isPositive();
        Map<?, ?> atelier = completion._additionalProperties().get("atelier").convert(Map.class);
        var deliveryId = (String) atelier.get("delivery_id");
        assertThat(atelier.get("licence_id")).isNotNull();
        assertThat(atelier.get("manifest")).isEqualTo("urn:uuid:" + deliveryId);

        assertThat(market.balance(client, "WALLET")).isEqualTo(800);
        assertThat(market.balance(creator, "EARNINGS")).isEqualTo(160);
        var recorded = jdbc.sql("select prompt_tokens, completion_tokens, streamed from api_call where client_id = :c")
                .param("c", UUID.fromString(client.id()))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getBoolean(3) ? 1 : 0}).single();
        assertThat(recorded).containsExactly(usage.promptTokens(), usage.completionTokens(), 0);
        assertThat(api.as(client, get("/api/deliveries/" + deliveryId + "/asset")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).isEqualTo(text.strip());

        var pieces = new ArrayList<String>();
        var finals = new ArrayList<ChatCompletionChunk>();
        try (var stream = openAi.chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                .model(slug).addUserMessage("Another tagline, please.").maxCompletionTokens(16)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(pieces::add));
                if (chunk._additionalProperties().containsKey("atelier") || chunk.usage().isPresent()) {
                    finals.add(chunk);
                }
            });
        }
        assertThat(String.join("", pieces)).isNotBlank();
        assertThat(finals).anySatisfy(chunk -> assertThat(chunk._additionalProperties()).containsKey("atelier"));
        assertThat(finals).anySatisfy(chunk -> assertThat(chunk.usage()).isPresent());
        assertThat(market.balance(client, "WALLET")).isEqualTo(600);
        assertThat(jdbc.sql("select count(*) from api_call where client_id = :c and streamed")
                .param("c", UUID.fromString(client.id())).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void errors_reach_the_openai_client_with_their_reason_and_charge_nothing() throws Exception {
        var creator = market.trainedCreator();
        var slug = market.publish(creator, Map.of("price", "2.00")).get("slug").asString();
        var poor = market.client(100);

        assertThatThrownBy(() -> openAi(poor).chat().completions().create(ChatCompletionCreateParams.builder()
                .model(slug).addUserMessage("A tagline.").maxCompletionTokens(8).build()))
                .isInstanceOf(OpenAIServiceException.class)
                .satisfies(e -> assertThat(((OpenAIServiceException) e).statusCode()).isEqualTo(422))
                .hasMessageContaining("holds less than");
        assertThat(market.balance(poor, "WALLET")).isEqualTo(100);
        var reviewed = market.publish(creator, Map.of("reviewBeforeRelease", true)).get("slug").asString();
        assertThat(openAi(poor).models().list().data()).extracting(Model::id).contains(slug).doesNotContain(reviewed);
        assertThatThrownBy(() -> openAi(poor).chat().completions().create(ChatCompletionCreateParams.builder()
                .model(reviewed).addUserMessage("A tagline.").build()))
                .isInstanceOf(OpenAIServiceException.class)
                .satisfies(e -> assertThat(((OpenAIServiceException) e).statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> openAi(poor).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("no-such-model").addUserMessage("Hello").build()))
                .isInstanceOf(OpenAIServiceException.class)
                .satisfies(e -> assertThat(((OpenAIServiceException) e).statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> openAi(creator).chat().completions().create(ChatCompletionCreateParams.builder()
                .model(slug).addUserMessage("My own model").build()))
                .isInstanceOf(OpenAIServiceException.class)
                .satisfies(e -> assertThat(((OpenAIServiceException) e).statusCode()).isEqualTo(403));
    }
}
