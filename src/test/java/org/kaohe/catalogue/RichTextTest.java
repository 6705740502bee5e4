package org.kaohe.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RichTextTest {

    private static final Set<String> ALLOWED = Set.of("#root", "html", "head", "body", "p", "br", "strong", "b", "em",
            "i", "u", "ul", "ol", "li", "a");

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>正文",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">链接</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">链接</a>",
        "<a href=\"&#106;avascript&#58;alert(1)\">实体编码</a>",
        "<a href=\" javascript:alert(1)\">前导空格</a>",
        "<a href=\"java\tscript:alert(1)\">制表符</a>",
        "<a href=\"vbscript:msgbox(1)\">vb</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
        "<a href=\"//evil.example/x\">协议相对</a>",
        "<svg onload=alert(1)><circle r=10 /></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<p style=\"width:expression(alert(1))\">样式表达式</p>",
        "<div style=\"background:url(javascript:alert(1))\">背景</div>",
        "<p onclick=\"alert(1)\" onmouseover=alert(2)>事件</p>",
        "<body onload=alert(1)>正文</body>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<<script>script>alert(1)<</script>/script>",
        "<p><strong><em>未闭合的<ul><li>嵌套</p></em>",
        "<object data=\"javascript:alert(1)\"></object><embed src=\"x.swf\">",
        "<form action=\"javascript:alert(1)\"><button formaction=javascript:alert(2)>提交</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\"><base href=\"javascript:/\">",
        "<link rel=stylesheet href=\"https://evil.example/x.css\"><style>@import 'x';</style>",
        "<input autofocus onfocus=alert(1)><details open ontoggle=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<template><script>alert(1)</script></template>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<a href=\"https://ok.example/\" target=\"_blank\" onclick=\"steal()\" rel=\"opener\">好链接</a>",
        "<span style=\"color:red\" class=\"x\" id=\"y\">span</span>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<a href=\"https://ok.example/\"><img src=x onerror=alert(1)></a>",
        "<p title=\"\" onload=\"\" ng-click=\"x()\" data-x=\"1\">属性</p>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
    })
    void hostilePayloadsAreNeutralised(String payload) {
        String clean = RichText.clean(payload);

        for (Element element : Jsoup.parseBodyFragment(clean).getAllElements()) {
            assertThat(ALLOWED).as(clean).contains(element.normalName());
            for (Attribute attribute : element.attributes()) {
                assertThat(element.normalName()).as(clean).isEqualTo("a");
                assertThat(attribute.getKey()).as(clean).isIn("href", "rel");
            }
            if (element.normalName().equals("a")) {
                assertThat(element.attr("rel")).isEqualTo("nofollow noopener");
                if (element.hasAttr("href")) {
                    assertThat(element.attr("href")).as(clean).matches("^https?://.*");
                }
            }
        }
        assertThat(clean.toLowerCase()).as(clean).doesNotContain("<script", "javascript:", "onerror=", "onload=",
                "style=", "<iframe", "<svg", "expression(");
        assertThat(RichText.clean(clean)).as("idempotent").isEqualTo(clean);
    }

    @Test
    void noticeMarkupIsKept() {
        String html = "<p class=\"MsoNormal\" style=\"x\">各地级以上市团委：<br>请<strong>按时</strong>报送，<em>逾期</em>影响结果。</p>"
                + "<ol><li>总结</li><li>考核</li></ol><ul><li><u>附件</u></li></ul>"
                + "<a href=\"https://www.gdcyl.org/a.html\" target=\"_blank\">原文</a>";

        assertThat(RichText.clean(html)).isEqualTo("<p>各地级以上市团委：<br>请<strong>按时</strong>报送，<em>逾期</em>影响结果。</p>"
                + "<ol><li>总结</li><li>考核</li></ol><ul><li><u>附件</u></li></ul>"
                + "<a href=\"https://www.gdcyl.org/a.html\" rel=\"nofollow noopener\">原文</a>");
        assertThat(RichText.clean(null)).isEmpty();
        assertThat(RichText.clean("<a href=\"/relative\">相对</a>")).isEqualTo("<a rel=\"nofollow noopener\">相对</a>");
    }

    @Test
    void plainTextKeepsLinesAndDropsMarkupAndScripts() {
        String html = "<p>一、&nbsp;总结<br>1.工作&amp;情况</p><script>alert('x')</script><style>p{}</style>"
                + "<ul><li>要点 A</li><li>要点&lt;B&gt;</li></ul><!-- 注释 --><div onclick=\"x()\">　结束　</div>";

        assertThat(RichText.plainText(html)).isEqualTo("一、 总结\n1.工作&情况\n要点 A\n要点<B>\n结束");
        assertThat(RichText.plainText(null)).isEmpty();
        assertThat(RichText.plainText("<<<>>>")).isEqualTo("<<<>>>");
    }

    @Test
    void angularTemplateInjectionIsTextForCleanAndBrokenForAngular() {
        String payload = "<p>{{constructor.constructor('alert(1)')()}}</p>";

        // clean keeps braces as text: render with ng-bind / ng-non-bindable, or use cleanForAngular
        assertThat(RichText.clean(payload)).isEqualTo("<p>{{constructor.constructor('alert(1)')()}}</p>");

        String safe = RichText.cleanForAngular(payload);
        assertThat(safe).doesNotContain("{{", "}}").isEqualTo("<p>{\u200B{\u200Bconstructor.constructor('alert(1)')()\u200B}\u200B}</p>");
        assertThat(RichText.plainText(safe).replace("\u200B", "")).isEqualTo("{{constructor.constructor('alert(1)')()}}");

        for (String variant : new String[] {"{{{{1+1}}}}", "&#123;&#123;1+1&#125;&#125;", "{<span></span>{1+1}<b></b>}",
                "<a href=\"https://x.example/{{1+1}}\">{{a}}</a>", "{{ {{nested}} }}", "<p>{</p><p>{x}}</p>"}) {
            String cleaned = RichText.cleanForAngular(variant);
            assertThat(cleaned).as(variant).doesNotContain("{{", "}}");
            // wholeText: jsoup's text() drops zero-width characters, a browser's DOM keeps them
            assertThat(Jsoup.parseBodyFragment(cleaned).body().wholeText()).as(variant).doesNotContain("{{", "}}");
        }
        assertThat(RichText.breakBraces("a {{b}} c")).isEqualTo("a {\u200B{\u200Bb\u200B}\u200B} c");
        assertThat(RichText.breakBraces(null)).isEmpty();
    }

    @Test
    void hugeInputIsBounded() {
        String huge = "<p>" + "字".repeat(3 * 1024 * 1024) + "</p>";
        assertThat(RichText.clean(huge).length()).isLessThanOrEqualTo(RichText.MAX_CHARS + 10);
        assertThat(RichText.plainText(huge).length()).isLessThanOrEqualTo(RichText.MAX_CHARS);
    }
}
