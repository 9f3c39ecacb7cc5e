package dev.atelier.personalmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.atelier.Fixtures;
import dev.atelier.portfolio.WorkKind;

class ChunkerTests {

    private static final String JAVA = """
            package demo;

            import java.util.Objects;

            /** Greets people. */
            public class Main {

                private static final String GREETING = "Hello, {name}";

                /** Runs the greeter. */
                public static void main(String[] args) {
                    var text = "a } brace in a string";
                    char open = '{';
                    // a } in a comment
                    System.out.println(greet(args.length > 0 ? args[0] : "world"));
                }

                @Override
                public String toString() {
                    return "Main";
                } // the rest of the line stays with it

                static String greet(String name) {
                    if (name.isBlank()) {
                        return "nobody";
                    }
                    return GREETING.replace("{name}", name);
                }

                record Pair(String left, String right) {
                    Pair {
                        Objects.requireNonNull(left);
                    }

                    String joined() { return left + right; }
                }
            }

            interface Greeter {
                String greet(String name);
            }
            """;

    private static final String PYTHON = """
            \"\"\"Shapes and parsing.\"\"\"
            import os

            RATE = 0.2


            def parse(text):
                \"\"\"Splits text into stripped lines.

                def not_a_function(): this is inside a docstring
                \"\"\"
                usage = \"\"\"
            usage: parse TEXT
            \"\"\"
                return [line.strip() for line in text.splitlines()]


            # A shape with an area.
            class Shape:
                \"\"\"Base shape.\"\"\"

                sides = 0

                def __init__(self, name):
                    self.name = name

                @property
                def area(self):
                    def helper():
                        return 0
                    return helper()


            if __name__ == "__main__":
                print(parse("a\\nb"))
            """;

    @Test
    void packs_paragraphs_into_chunks_of_about_300_tokens_that_overlap_by_whole_sentences() {
        var text = new StringBuilder();
        for (var p = 0; p < 12; p++) {
            for (var s = 0; s < 5; s++) {
                text.append("Paragraph ").append(p).append(" sentence ").append(s)
                        .append(" walks along the harbour wall in the morning. ");
            }
            text.append("\n\n");
        }

        var chunks = Chunker.chunk(WorkKind.TEXT, "notes.txt", text.toString());

        assertThat(chunks).hasSizeGreaterThan(2);
        for (var chunk : chunks) {
            assertThat(Prose.estimatedTokens(chunk.text()))
                    .isLessThanOrEqualTo(Chunker.TARGET_TOKENS + Chunker.OVERLAP_TOKENS);
        }
        for (var i = 1; i < chunks.size(); i++) {
            var previous = Prose.sentences(chunks.get(i - 1).text());
            var next = Prose.sentences(chunks.get(i).text());
            var carried = previous.size() - previous.indexOf(next.getFirst());
            assertThat(carried).isBetween(1, previous.size() - 1);
            var overlap = previous.subList(previous.size() - carried, previous.size());
            assertThat(next.subList(0, carried)).isEqualTo(overlap);
            assertThat(Prose.estimatedTokens(String.join(" ", overlap)))
                    .isBetween(Chunker.OVERLAP_TOKENS / 2, Chunker.OVERLAP_TOKENS);
        }
        for (var paragraph : Prose.paragraphs(text.toString())) {
            assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.text()).contains(paragraph));
        }
    }

    @Test
    void splits_a_long_paragraph_between_sentences_and_a_long_sentence_between_words() {
        var paragraph = IntStream.range(0, 60).mapToObj(i -> "Sentence " + i + " keeps going for about ten words.")
                .reduce("", (a, b) -> a + " " + b);
        var chunks = Chunker.chunk(WorkKind.DOCUMENT, "report.pdf", paragraph);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.text()).startsWith("Sentence ").endsWith("words.");
            assertThat(Prose.estimatedTokens(chunk.text()))
                    .isLessThanOrEqualTo(Chunker.TARGET_TOKENS + Chunker.OVERLAP_TOKENS);
        });

        var runOn = String.join(" ", IntStream.range(0, 1000).mapToObj(i -> "word" + i).toList());
        var pieces = Chunker.chunk(WorkKind.TEXT, "stream.txt", runOn);
        assertThat(pieces).hasSizeGreaterThan(3);
        assertThat(pieces).allSatisfy(chunk -> assertThat(Prose.estimatedTokens(chunk.text()))
                .isLessThanOrEqualTo(Chunker.TARGET_TOKENS + Chunker.OVERLAP_TOKENS));
        assertThat(pieces.getLast().text()).endsWith("word999");
        assertThat(pieces.getFirst().text()).startsWith("word0 word1 ");
    }

    @Test
    void markdown_is_cut_by_heading_and_each_chunk_carries_its_heading() {
        var markdown = """
                An opening line before any heading.

                # Travel notes

                We left early.

                ## Day one ##

                The train was late.

                ```bash
                # not a heading, a shell comment
                echo hi
                ```

                ### Day two
                """ + "Rain again. ".repeat(300);

        var chunks = Chunker.chunk(WorkKind.TEXT, "Trip.MD", markdown);

        assertThat(chunks.getFirst()).isEqualTo(new Chunk("An opening line before any heading.", 0, ""));
        assertThat(chunks.get(1).section()).isEqualTo("Travel notes");
        assertThat(chunks.get(1).text()).isEqualTo("# Travel notes\n\nWe left early.");
        assertThat(chunks.get(2).section()).isEqualTo("Day one");
        assertThat(chunks.get(2).text()).contains("# not a heading, a shell comment");
        var dayTwo = chunks.subList(3, chunks.size());
        assertThat(dayTwo).hasSizeGreaterThan(1).allSatisfy(chunk -> assertThat(chunk.section()).isEqualTo("Day two"));
    }

    @Test
    void java_is_cut_by_class_and_method_with_their_comments_and_annotations() {
        var chunks = Chunker.chunk(WorkKind.CODE, "Main.java", JAVA);

        assertThat(chunks).extracting(Chunk::section).containsExactly("", "Main", "Main.main", "Main.toString",
                "Main.greet", "Main.Pair", "Main.Pair.joined", "Greeter");
        assertThat(chunks.get(0).text()).isEqualTo("package demo;\n\nimport java.util.Objects;");
        assertThat(chunks.get(1).text()).startsWith("/** Greets people. */\npublic class Main {")
                .contains("GREETING =").doesNotContain("main(");
        assertThat(section(chunks, "Main.main")).startsWith("/** Runs the greeter. */")
                .contains("a } brace in a string", "// a } in a comment").endsWith("}");
        assertThat(section(chunks, "Main.toString")).startsWith("@Override")
                .endsWith("} // the rest of the line stays with it");
        assertThat(section(chunks, "Main.greet")).startsWith("static String greet").endsWith("return GREETING"
                + ".replace(\"{name}\", name);\n    }");
        assertThat(section(chunks, "Main.Pair")).startsWith("record Pair").contains("Objects.requireNonNull(left)");
        assertThat(section(chunks, "Main.Pair.joined")).isEqualTo("String joined() { return left + right; }");
        assertThat(section(chunks, "Greeter")).startsWith("interface Greeter {").endsWith("}");
    }

    @Test
    void python_is_cut_by_def_and_class_by_indentation() {
        var chunks = Chunker.chunk(WorkKind.CODE, "shapes.py", PYTHON);

        assertThat(chunks).extracting(Chunk::section)
                .containsExactly("", "parse", "Shape", "Shape.__init__", "Shape.area", "");
        assertThat(chunks.get(0).text()).startsWith("\"\"\"Shapes and parsing.\"\"\"").endsWith("RATE = 0.2");
        assertThat(section(chunks, "parse")).startsWith("def parse(text):").contains("not_a_function")
                .endsWith("text.splitlines()]");
        assertThat(section(chunks, "Shape")).startsWith("# A shape with an area.\nclass Shape:")
                .endsWith("sides = 0");
        assertThat(section(chunks, "Shape.area")).startsWith("@property\n    def area(self):")
                .contains("def helper():").endsWith("return helper()");
        assertThat(chunks.getLast().text()).startsWith("if __name__");
    }

    @Test
    void other_languages_are_cut_by_their_own_declarations() {
        assertThat(sections("app.ts", """
                import { Http } from "./http";

                // Adds numbers.
                export function add(a: number, b: number): number {
                  return a + b;
                }

                export const handler = async (event: Event): Promise<void> => {
                  console.log(`a } in a template`);
                };

                export class Service<T> extends Base implements Api {
                  private items: T[] = [];
                  constructor(private readonly http: Http) { super(); }
                  async load(id: string): Promise<T> {
                    if (id) { return this.http.get(id); }
                  }
                  onClick = (e: MouseEvent) => { this.fire(e); };
                }

                describe("service", () => {
                  it("loads", () => { expect(1).toBe(1); });
                });
                """)).containsExactly("", "add", "handler", "Service", "Service.constructor", "Service.load",
                "Service.onClick", "");
        assertThat(sections("server.go", """
                package main

                type Server struct {
                	name string
                }

                // Handle serves one request.
                func (s *Server) Handle(w Writer, r *Request) (int, error) {
                	return 0, nil
                }
                """)).containsExactly("", "Server", "Handle");
        assertThat(sections("Registry.kt", """
                object Registry {
                    val users = mutableListOf<String>()
                    fun add(user: String) { users.add(user) }
                }
                """)).containsExactly("Registry", "Registry.add");
        assertThat(sections("point.rs", """
                impl<'a> fmt::Display for Point {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{}", self.x) }
                }
                """)).containsExactly("Point", "Point.fmt");
        assertThat(sections("greeter.rb", """
                require 'json'

                # A greeter.
                class Greeter
                  def initialize(name)
                    @name = name
                  end

                  def greet
                    if @name
                      "Hi #{@name}"
                    end
                  end
                end
                """)).containsExactly("", "Greeter", "Greeter.initialize", "Greeter.greet");
    }

    @Test
    void code_it_cannot_read_and_oversized_functions_are_cut_into_overlapping_line_windows() {
        var yaml = String.join("\n", IntStream.range(0, 150).mapToObj(i -> "key" + i + ": value" + i).toList());
        var windows = Chunker.chunk(WorkKind.CODE, "config.yaml", yaml);
        assertThat(windows).hasSizeGreaterThan(2).allSatisfy(chunk -> {
            assertThat(chunk.section()).isEmpty();
            assertThat(chunk.text().lines().count()).isLessThanOrEqualTo(Chunker.WINDOW_LINES);
        });
        for (var i = 1; i < windows.size(); i++) {
            var previous = windows.get(i - 1).text().lines().toList();
            var next = windows.get(i).text().lines().toList();
            assertThat(next.subList(0, Chunker.WINDOW_OVERLAP_LINES))
                    .isEqualTo(previous.subList(previous.size() - Chunker.WINDOW_OVERLAP_LINES, previous.size()));
        }
        assertThat(windows.getLast().text()).endsWith("key149: value149");

        var body = new ArrayList<String>();
        body.add("func Long() int {");
        IntStream.range(0, 130).forEach(i -> body.add("\tx := " + i));
        body.add("\treturn 0");
        body.add("}");
        var go = Chunker.chunk(WorkKind.CODE, "long.go", "package main\n\n" + String.join("\n", body));
        assertThat(go.getFirst().section()).isEmpty();
        assertThat(go.subList(1, go.size())).hasSizeGreaterThan(1)
                .allSatisfy(chunk -> assertThat(chunk.section()).isEqualTo("Long"));
    }

    @Test
    void never_returns_blank_chunks_and_numbers_them_in_order() {
        assertThat(Chunker.chunk(WorkKind.TEXT, "empty.txt", "  \n\n \t\n")).isEmpty();
        assertThat(Chunker.chunk(WorkKind.CODE, "Empty.java", "class Empty {}\n\n\n}")).extracting(Chunk::text)
                .containsExactly("class Empty {}");
        var inputs = List.of(
                Chunker.chunk(WorkKind.TEXT, "essay.txt", Fixtures.formalEssay(20, 3)),
                Chunker.chunk(WorkKind.TEXT, "post.md", "# Hi\n\n\n\n" + Fixtures.chattyPost(10, 4)),
                Chunker.chunk(WorkKind.CODE, "Main.java", JAVA),
                Chunker.chunk(WorkKind.CODE, "shapes.py", PYTHON));
        for (var chunks : inputs) {
            assertThat(chunks).isNotEmpty().allSatisfy(chunk -> {
                assertThat(chunk.text()).isNotBlank().isEqualTo(chunk.text().strip());
            });
            assertThat(chunks).extracting(Chunk::ordinal)
                    .containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
        }
    }

    @Test
    void the_same_text_always_gives_the_same_chunks() {
        var essay = Fixtures.formalEssay(30, 9);
        assertThat(Chunker.chunk(WorkKind.TEXT, "essay.txt", essay))
                .isEqualTo(Chunker.chunk(WorkKind.TEXT, "essay.txt", essay));
        assertThat(Chunker.chunk(WorkKind.CODE, "Main.java", JAVA))
                .isEqualTo(Chunker.chunk(WorkKind.CODE, "Main.java", JAVA));
    }

    private static List<String> sections(String fileName, String code) {
        return Chunker.chunk(WorkKind.CODE, fileName, code).stream().map(Chunk::section).toList();
    }

    private static String section(List<Chunk> chunks, String symbol) {
        return chunks.stream().filter(chunk -> chunk.section().equals(symbol)).findFirst().orElseThrow().text();
    }
}
