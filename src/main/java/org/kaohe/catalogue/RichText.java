package org.kaohe.catalogue;

import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeVisitor;

/**
 * Rich text of notice bodies and catalogue items, cleaned for display.
 *
 * <p>{@link #clean(String)} keeps p, br, strong/b, em/i, u, ul/ol/li and links (href http or https
 * only, {@code rel="nofollow noopener"} enforced); every other element is dropped (its text kept,
 * except for script, style and similar), and no other attribute survives: no style, no class, no
 * event handler. The result is safe to put into the DOM as HTML.
 *
 * <p>Template injection: braces are text, so {@code {{constructor.constructor('alert(1)')()}}} passes
 * {@link #clean(String)} unchanged. Where the HTML is inserted into an AngularJS page (Camunda's
 * Tasklist compiles embedded forms), bind it with {@code ng-bind}/{@code ng-bind-html} or inside an
 * {@code ng-non-bindable} element, or clean it with {@link #cleanForAngular(String)}, which puts a
 * zero-width space next to every brace so that no {@code {{ … }}} expression remains. Custom
 * interpolation symbols are not covered.
 */
public final class RichText {

    /** Input longer than this is cut before cleaning. */
    public static final int MAX_CHARS = 1024 * 1024;

    private static final Safelist SAFELIST = new Safelist()
            .addTags("p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a")
            .addAttributes("a", "href")
            .addProtocols("a", "href", "http", "https")
            .addEnforcedAttribute("a", "rel", "nofollow noopener");
    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings()
            .prettyPrint(false)
            .charset("UTF-8")
            .escapeMode(Entities.EscapeMode.base);
    private static final String ZERO_WIDTH_SPACE = "\u200B";
    private static final Set<String> LINE_BREAKING = Set.of("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3",
            "h4", "h5", "h6", "tr", "table", "blockquote", "pre", "section", "article", "dd", "dt", "hr");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\u00A0\\u3000]+");

    private RichText() {
    }

    /** Safe HTML for a notice body; {@code null} gives "". */
    public static String clean(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        return Jsoup.clean(bounded(html), "", SAFELIST, OUTPUT);
    }

    /**
     * {@link #clean(String)}, then {@link #breakBraces(String)} over the whole result (text and
     * attributes), so AngularJS finds no expression to compile, even when braces are split by tags
     * into several text nodes. Readers see the same characters.
     */
    public static String cleanForAngular(String html) {
        return breakBraces(clean(html));
    }

    /**
     * Puts a zero-width space (U+200B) after every opening and before every closing brace, so that no
     * two braces of a kind are ever adjacent and no interpolation delimiter remains.
     */
    public static String breakBraces(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("{", "{" + ZERO_WIDTH_SPACE).replace("}", ZERO_WIDTH_SPACE + "}");
    }

    /**
     * The text a reader sees, without markup: one line per paragraph, list item or {@code <br>},
     * spaces collapsed, script and style content left out, entities decoded.
     */
    public static String plainText(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        Document document = Jsoup.parseBodyFragment(bounded(html));
        document.select("script, style, noscript, template, iframe, object, embed, svg, math, head").remove();
        StringBuilder out = new StringBuilder();
        document.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText().replace('\n', ' '));
                } else if (node instanceof Element element && LINE_BREAKING.contains(element.normalName())) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && LINE_BREAKING.contains(element.normalName())
                        && !element.normalName().equals("br")) {
                    out.append('\n');
                }
            }
        });
        StringBuilder result = new StringBuilder();
        for (String line : out.toString().split("\n")) {
            String collapsed = SPACES.matcher(line).replaceAll(" ").strip();
            if (!collapsed.isEmpty()) {
                if (!result.isEmpty()) {
                    result.append('\n');
                }
                result.append(collapsed);
            }
        }
        return result.toString();
    }

    private static String bounded(String html) {
        return html.length() > MAX_CHARS ? html.substring(0, MAX_CHARS) : html;
    }
}
