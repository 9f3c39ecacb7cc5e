package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class CanonicalJsonTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private String canonical(String text) {
        return new String(CanonicalJson.of(json.readTree(text)), StandardCharsets.UTF_8);
    }

    @Test
    void members_are_sorted_by_utf16_code_units_not_by_code_points_or_locale() {
        // The property-sorting example of RFC 8785 (section 3.2.3), with a newline and an HTML-looking name added:
        // U+1F600 is a surrogate pair starting with U+D83D, so it sorts before U+FB33.
        var input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\u000a": "Newline",
                  "1": "One",
                  "\\u0080": "Control\\u007f",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u00f6": "Latin Small Letter O With Diaeresis",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "</script>": "Browser Challenge"
                }""";

        assertThat(canonical(input)).isEqualTo("{\"\\n\":\"Newline\",\"\\r\":\"Carriage Return\",\"1\":\"One\","
                + "\"</script>\":\"Browser Challenge\",\"\u0080\":\"Control\u007f\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void locale_does_not_change_the_order() {
        assertThat(canonical("{\"sin\":1,\"pêche\":2,\"péché\":3,\"peach\":4}"))
                .isEqualTo("{\"peach\":4,\"péché\":3,\"pêche\":2,\"sin\":1}");
    }

    @Test
    void strings_are_escaped_as_ecmascript_does_and_everything_else_is_literal_utf8() {
        // The string example of RFC 8785 (section 3.2.2.2): euro sign, dollar, U+000F, newline, escaped ASCII.
        var input = "{\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"}";

        var bytes = CanonicalJson.of(json.readTree(input));

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
        assertThat(bytes[11]).isEqualTo((byte) 0xe2);
    }

    @Test
    void control_characters_use_the_short_escapes_where_they_exist() {
        var value = JsonNodeFactory.instance.objectNode().put("s", "\b\f\n\r\t\u0000\u001f\u2028");

        assertThat(new String(CanonicalJson.of(value), StandardCharsets.UTF_8))
                .isEqualTo("{\"s\":\"\\b\\f\\n\\r\\t\\u0000\\u001f\u2028\"}");
    }

    @Test
    void literals_arrays_nesting_and_integers_are_written_without_whitespace() {
        assertThat(canonical("""
                { "b" : [ null, true, false, 0, -0, -12, 9007199254740991 ],
                  "a" : { "z" : {}, "y" : [] } }"""))
                .isEqualTo("{\"a\":{\"y\":[],\"z\":{}},\"b\":[null,true,false,0,0,-12,9007199254740991]}");
    }

    @Test
    void numbers_that_are_not_safe_integers_are_refused() {
        assertThatThrownBy(() -> canonical("{\"n\":1.5}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an integer");
        assertThatThrownBy(() -> canonical("{\"n\":1e3}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> canonical("{\"n\":9007199254740992}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2^53");
    }

    @Test
    void an_unpaired_surrogate_is_refused() {
        var value = JsonNodeFactory.instance.objectNode().put("s", "a\ud800b");

        assertThatThrownBy(() -> CanonicalJson.of(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }
}
