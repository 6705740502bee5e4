package org.kaohe.catalogue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Connection;
import org.jsoup.HttpStatusException;
import org.jsoup.Jsoup;
import org.jsoup.UnsupportedMimeTypeException;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;
import org.springframework.stereotype.Component;

/**
 * Reads a notice or a work-points page (HTML) into a {@link DraftCatalogue}: sections headed
 * 一、二、…, numbered items ((一)/（一）/1./1、/（1）/ordered list items) under them, each item's
 * title (bold lead phrase or first sentence) and full text, and "（牵头部门：…；配合部门：…）" suffixes
 * parsed into department names. Navigation, scripts, styles, forms and comments are ignored and no
 * markup is ever kept. Anything not understood becomes a Chinese warning, never an exception.
 *
 * <p>Within a section the first numbering style met is the item level; lines numbered in another
 * style (sub-points) and unnumbered paragraphs continue the current item's text.
 */
@Component
public class WorkPointsImporter {

    /** Largest page fetched or accepted as bytes. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** Largest HTML string accepted; longer input is cut with a warning. */
    public static final int MAX_CHARS = 2 * 1024 * 1024;
    static final int TIMEOUT_MILLIS = 10_000;
    static final int MAX_REDIRECTS = 5;
    static final int MAX_LINES = 20_000;
    static final int MAX_SECTIONS = 200;
    static final int MAX_ITEMS = 2_000;
    static final int MAX_ITEM_TEXT = 10_000;
    static final int MAX_TITLE = 60;

    /** Host name resolution, replaceable in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final String CN_DIGITS = "一二三四五六七八九十百零〇两";
    private static final Pattern SECTION = Pattern.compile("^([" + CN_DIGITS + "]{1,4})\\s*[、．.]\\s*(.*)$");
    private static final Pattern ITEM_CN_PAREN =
            Pattern.compile("^[（(]\\s*([" + CN_DIGITS + "]{1,4})\\s*[)）]\\s*[、．.]?\\s*(.*)$");
    private static final Pattern ITEM_DIGIT_PAREN = Pattern.compile("^[（(]\\s*([0-9０-９]{1,3})\\s*[)）]\\s*(.*)$");
    private static final Pattern ITEM_DIGIT =
            Pattern.compile("^([0-9０-９]{1,3})\\s*(?:[、，,．]|\\.(?![0-9０-９])|[)）])\\s*(.*)$");
    private static final Pattern DEPARTMENT_SUFFIX_START =
            Pattern.compile("[（(]\\s*(?:牵头|责任|主责|负责)(?:部门|单位|处室)\\s*[：:]");
    private static final Pattern DEPARTMENT_KEY = Pattern.compile("^\\s*([^：:]{1,12})\\s*[：:]\\s*(.*)$");
    private static final Pattern NAME_SEPARATORS = Pattern.compile("[、，,/／\\s]+");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u3000\\uFEFF]+");
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}&&[^\\s]]");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s。；;：:，,.、！!？?]+$");
    private static final Pattern NOISE_NAME = Pattern.compile(
            "(?i)(^|[\\s_-])(nav|navbar|navigation|menu|breadcrumbs?|crumbs?|footer|sidebar|share|copyright|toolbar|topbar)($|[\\s_-])");
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
            "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td", "th", "blockquote", "pre", "section",
            "article", "main", "br", "hr", "center", "address", "figure", "figcaption", "caption");
    private static final String REMOVED = "script, style, noscript, template, iframe, frame, object, embed, svg, math,"
            + " nav, header, footer, aside, form, button, select, textarea, input, label, canvas, audio, video,"
            + " [hidden], [role=navigation], [aria-hidden=true]";

    private final Resolver resolver;

    public WorkPointsImporter() {
        this(InetAddress::getAllByName);
    }

    WorkPointsImporter(Resolver resolver) {
        this.resolver = resolver;
    }

    // ---------------------------------------------------------------------------------------------
    // Entry points

    /** Imports an HTML string; {@code null}, empty or garbage input gives an empty catalogue with a warning. */
    public DraftCatalogue importHtml(String html) {
        List<String> warnings = new ArrayList<>();
        String input = html == null ? "" : html;
        if (input.length() > MAX_CHARS) {
            warnings.add("内容超过 " + MAX_CHARS / 1024 / 1024 + " MB，只导入了前面部分。");
            input = input.substring(0, MAX_CHARS);
        }
        return importDocument(Jsoup.parse(input), warnings);
    }

    /**
     * Imports HTML bytes; the charset comes from a byte-order mark or a {@code <meta charset>} (jsoup's
     * detection), UTF-8 otherwise.
     */
    public DraftCatalogue importHtml(byte[] bytes) {
        return importBytes(bytes, null, "");
    }

    /**
     * Fetches a page an administrator named and imports it. Only http and https; the host is resolved
     * and every address checked, refusing loopback, private, link-local and other internal addresses
     * (also on each redirect, followed by hand). Timeout 10 s, body at most 2 MB.
     *
     * <p>Residual risk: jsoup resolves the host again when connecting, so a DNS answer that changes
     * between check and connection (rebinding) is not covered; deploy behind an egress proxy if that matters.
     *
     * @throws CatalogueImportException with a Chinese message when the address is refused or the page
     *     cannot be read
     */
    public DraftCatalogue importUrl(URI uri) {
        URI current = uri;
        for (int redirect = 0; redirect <= MAX_REDIRECTS; redirect++) {
            checkUrl(current);
            Connection.Response response;
            try {
                response = Jsoup.connect(current.toString())
                        .timeout(TIMEOUT_MILLIS)
                        .maxBodySize(MAX_BYTES)
                        .followRedirects(false)
                        .ignoreHttpErrors(true)
                        .userAgent("Kaohe catalogue importer")
                        .execute();
            } catch (SocketTimeoutException e) {
                throw new CatalogueImportException("连接 " + current.getHost() + " 超时（" + TIMEOUT_MILLIS / 1000 + " 秒）。", e);
            } catch (UnsupportedMimeTypeException e) {
                throw new CatalogueImportException("该地址返回的不是网页（类型：" + e.getMimeType() + "）。", e);
            } catch (HttpStatusException e) {
                throw new CatalogueImportException("服务器返回 HTTP " + e.getStatusCode() + "。", e);
            } catch (IOException | RuntimeException e) {
                throw new CatalogueImportException("无法读取该网页：" + e.getMessage(), e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.hasHeader("Location")) {
                try {
                    current = current.resolve(response.header("Location").trim());
                } catch (IllegalArgumentException e) {
                    throw new CatalogueImportException("网页重定向到了无效地址。", e);
                }
                continue;
            }
            if (status != 200) {
                throw new CatalogueImportException("服务器返回 HTTP " + status + "，无法导入。");
            }
            byte[] body;
            try {
                body = response.bodyAsBytes();
            } catch (RuntimeException e) {
                throw new CatalogueImportException("无法读取该网页：" + e.getMessage(), e);
            }
            return importBytes(body, response.charset(), current.toString());
        }
        throw new CatalogueImportException("重定向次数过多（超过 " + MAX_REDIRECTS + " 次），已停止。");
    }

    /**
     * Resolves department names to unit codes with a name → code map from the organisation's
     * configuration. Names are compared without spaces; unknown names are reported, not guessed.
     */
    public DepartmentMapping mapDepartments(Collection<String> names, Map<String, String> codesByName) {
        Map<String, String> normalised = new LinkedHashMap<>();
        codesByName.forEach((name, code) -> normalised.put(normaliseName(name), code));
        Map<String, String> found = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String name : names) {
            String key = normaliseName(name);
            if (key.isEmpty()) {
                continue;
            }
            String code = normalised.get(key);
            if (code == null) {
                unknown.add(key);
            } else {
                found.put(key, code);
            }
        }
        return new DepartmentMapping(found, List.copyOf(unknown));
    }

    /** {@link #mapDepartments(Collection, Map)} over every name in a catalogue (sections and items). */
    public DepartmentMapping mapDepartments(DraftCatalogue catalogue, Map<String, String> codesByName) {
        return mapDepartments(departmentNames(catalogue), codesByName);
    }

    /** Every department name a catalogue mentions, in order met, without repetition. */
    public static List<String> departmentNames(DraftCatalogue catalogue) {
        Set<String> names = new LinkedHashSet<>();
        for (DraftSection section : catalogue.sections()) {
            names.addAll(section.leadDepartmentNames());
            names.addAll(section.cooperatingDepartmentNames());
            for (DraftItem item : section.items()) {
                names.addAll(item.leadDepartmentNames());
                names.addAll(item.cooperatingDepartmentNames());
            }
        }
        return List.copyOf(names);
    }

    // ---------------------------------------------------------------------------------------------
    // URL guard

    /** Refuses anything but http(s) to a host whose every address is public. */
    void checkUrl(URI uri) {
        if (uri == null) {
            throw new CatalogueImportException("请提供网页地址。");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CatalogueImportException("只能导入 http 或 https 网页地址，不支持“" + (scheme.isEmpty() ? "无协议" : scheme) + "”。");
        }
        if (uri.getRawUserInfo() != null) {
            throw new CatalogueImportException("网页地址中不能包含用户名或密码。");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new CatalogueImportException("网页地址缺少主机名。");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new CatalogueImportException("无法解析主机名“" + host + "”。", e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new CatalogueImportException("无法解析主机名“" + host + "”。");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw new CatalogueImportException("出于安全原因，不允许从内部网络或本机地址导入（“" + host + "”解析为 "
                        + address.getHostAddress() + "）。请使用公开网站的地址。");
            }
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            return b0 == 0 || b0 >= 240 // this network, reserved and broadcast
                    || (b0 == 100 && (b1 & 0xc0) == 64) // carrier-grade NAT 100.64/10
                    || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0) // 192.0.0/24
                    || (b0 == 198 && (b1 == 18 || b1 == 19)); // benchmarking 198.18/15
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            boolean mapped = true; // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Parsing

    private DraftCatalogue importBytes(byte[] bytes, String charset, String baseUri) {
        List<String> warnings = new ArrayList<>();
        byte[] input = bytes == null ? new byte[0] : bytes;
        if (input.length > MAX_BYTES) {
            warnings.add("内容超过 " + MAX_BYTES / 1024 / 1024 + " MB，只导入了前面部分。");
            input = java.util.Arrays.copyOf(input, MAX_BYTES);
        }
        Document document;
        try {
            document = Jsoup.parse(new ByteArrayInputStream(input), charset, baseUri);
        } catch (IOException | RuntimeException e) {
            warnings.add("无法识别网页编码，已按 UTF-8 读取。");
            document = Jsoup.parse(new String(input, StandardCharsets.UTF_8), baseUri);
        }
        return importDocument(document, warnings);
    }

    DraftCatalogue importDocument(Document document, List<String> warnings) {
        String pageTitle = clean(document.title());
        Element body = document.body();
        body.select(REMOVED).remove();
        for (Element element : body.getAllElements()) {
            if (element != body && element.parent() != null
                    && (NOISE_NAME.matcher(element.id()).find() || NOISE_NAME.matcher(element.className()).find())) {
                element.remove();
            }
        }
        List<Line> lines = lines(body, warnings);
        return new Parser(lines, pageTitle, warnings).parse();
    }

    /** One line of text as displayed: a block element's own text, split at {@code <br>}. */
    static final class Line {
        final StringBuilder text = new StringBuilder();
        final StringBuilder bold = new StringBuilder();
        boolean boldClosed;
        Element block;
        String listNumber; // for an item of an ordered (or unordered) list without written number
        boolean heading;

        String text() {
            return clean(text.toString());
        }
    }

    /**
     * The lines of the body in one pass. The enclosing block, whether a text is bold within it, and an item's number
     * in its list are kept on stacks while walking, not looked up by climbing to the ancestors or counting the
     * siblings for each text: on a page nested a hundred thousand inline elements deep (700 KB of {@code <span>}),
     * that climbing took minutes.
     */
    private static List<Line> lines(Element body, List<String> warnings) {
        List<Line> lines = new ArrayList<>();
        Line[] current = {null};
        boolean[] truncated = {false};
        // per open block (the body at the bottom): the block, and how many <b>/<strong> are open inside it
        java.util.ArrayDeque<Element> blocks = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<int[]> bolds = new java.util.ArrayDeque<>();
        bolds.push(new int[1]);
        java.util.IdentityHashMap<Element, Integer> itemsSeen = new java.util.IdentityHashMap<>();
        java.util.IdentityHashMap<Element, String> listNumbers = new java.util.IdentityHashMap<>();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element element) {
                    if (element == body) {
                        return;
                    }
                    String name = element.normalName();
                    if (BLOCK_TAGS.contains(name)) {
                        current[0] = null;
                        blocks.push(element);
                        bolds.push(new int[1]);
                        if (name.equals("li") && element.parent() != null) {
                            Element list = element.parent();
                            int index = itemsSeen.merge(list, 1, Integer::sum);
                            listNumbers.put(element, String.valueOf(listStart(list) + index - 1));
                        }
                    } else if (name.equals("strong") || name.equals("b")) {
                        bolds.peek()[0]++;
                    }
                } else if (node instanceof TextNode textNode) {
                    String text = textNode.getWholeText();
                    if (text.isEmpty() || truncated[0]) {
                        return;
                    }
                    Line line = current[0];
                    if (line == null) {
                        if (SPACES.matcher(text).replaceAll("").isEmpty()) {
                            return;
                        }
                        if (lines.size() >= MAX_LINES) {
                            truncated[0] = true;
                            return;
                        }
                        line = new Line();
                        line.block = blocks.peek();
                        line.heading = line.block != null && line.block.normalName().matches("h[1-6]");
                        line.listNumber = line.block == null ? null : listNumbers.get(line.block);
                        lines.add(line);
                        current[0] = line;
                    }
                    boolean inBold = bolds.peek()[0] > 0;
                    boolean blank = SPACES.matcher(text).replaceAll("").isEmpty();
                    if (!line.boldClosed && !blank) {
                        if (inBold) {
                            line.bold.append(text);
                        } else if (!line.bold.isEmpty()) {
                            line.boldClosed = true;
                        }
                    }
                    line.text.append(text);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && element != body) {
                    String name = element.normalName();
                    if (BLOCK_TAGS.contains(name)) {
                        current[0] = null;
                        blocks.pop();
                        bolds.pop();
                    } else if (name.equals("strong") || name.equals("b")) {
                        bolds.peek()[0]--;
                    }
                }
            }
        });
        if (truncated[0]) {
            warnings.add("段落过多（超过 " + MAX_LINES + " 段），只导入了前面部分。");
        }
        return lines;
    }

    /** The number an ordered list starts at ({@code <ol start>}), 1 otherwise. */
    private static int listStart(Element list) {
        if (list.normalName().equals("ol") && list.hasAttr("start")) {
            try {
                return Integer.parseInt(list.attr("start").trim());
            } catch (NumberFormatException ignored) {
                return 1;
            }
        }
        return 1;
    }

    /**
     * Spaces collapsed and control characters removed: a page with binary garbage in it (or a binary file taken
     * for a page) must not put them into the titles and texts an administrator stores.
     */
    static String clean(String text) {
        return text == null ? "" : SPACES.matcher(CONTROLS.matcher(text).replaceAll("")).replaceAll(" ").strip();
    }

    private static String normaliseName(String name) {
        return name == null ? "" : SPACES.matcher(name).replaceAll("");
    }

    // ---------------------------------------------------------------------------------------------

    enum Style { SECTION, CN_PAREN, DIGIT_PAREN, DIGIT, LIST, IMPLICIT }

    /** A line's numbering: style, number as written, text after it. */
    record Numbering(Style style, String number, String rest) {

        static Numbering of(String text) {
            Matcher m = SECTION.matcher(text);
            if (m.matches()) {
                return new Numbering(Style.SECTION, m.group(1), m.group(2));
            }
            m = ITEM_CN_PAREN.matcher(text);
            if (m.matches()) {
                return new Numbering(Style.CN_PAREN, m.group(1), m.group(2));
            }
            m = ITEM_DIGIT_PAREN.matcher(text);
            if (m.matches()) {
                return new Numbering(Style.DIGIT_PAREN, ascii(m.group(1)), m.group(2));
            }
            m = ITEM_DIGIT.matcher(text);
            if (m.matches()) {
                return new Numbering(Style.DIGIT, ascii(m.group(1)), m.group(2));
            }
            return null;
        }
    }

    /** Lead and cooperating departments split off the end of a text. */
    record Departments(String text, List<String> lead, List<String> cooperating, boolean found) {

        static Departments of(String text, List<String> warnings, String where) {
            Matcher m = DEPARTMENT_SUFFIX_START.matcher(text);
            int start = -1;
            while (m.find()) {
                start = m.start();
            }
            if (start < 0) {
                return new Departments(text, List.of(), List.of(), false);
            }
            String inside = text.substring(start + 1);
            int close = -1;
            int depth = 0;
            for (int i = 0; i < inside.length() && close < 0; i++) {
                char c = inside.charAt(i);
                if (c == '（' || c == '(') {
                    depth++;
                } else if ((c == '）' || c == ')') && depth-- == 0) {
                    close = i;
                }
            }
            String after = "";
            if (close < 0) {
                warnings.add(where + "：部门说明缺少右括号。");
            } else {
                after = inside.substring(close + 1);
                inside = inside.substring(0, close);
            }
            if (!after.contains("\n") && !TRAILING_PUNCTUATION.matcher(after).replaceAll("").isEmpty()) {
                warnings.add(where + "：部门说明之后还有文字“" + abbreviate(after.strip(), 20) + "”，已保留在正文中。");
            }
            List<String> lead = new ArrayList<>();
            List<String> cooperating = new ArrayList<>();
            for (String part : inside.split("[；;]")) {
                Matcher key = DEPARTMENT_KEY.matcher(part);
                if (!key.matches()) {
                    if (!part.isBlank()) {
                        warnings.add(where + "：无法识别部门说明“" + abbreviate(part.strip(), 30) + "”。");
                    }
                    continue;
                }
                String label = key.group(1);
                List<String> target;
                if (label.contains("牵头") || label.contains("责任") || label.contains("主责") || label.contains("负责")) {
                    target = lead;
                } else if (label.contains("配合") || label.contains("协助") || label.contains("参与") || label.contains("协办")) {
                    target = cooperating;
                } else {
                    warnings.add(where + "：无法识别部门类别“" + label.strip() + "”。");
                    continue;
                }
                for (String name : NAME_SEPARATORS.split(key.group(2))) {
                    String n = TRAILING_PUNCTUATION.matcher(name).replaceAll("");
                    if (!n.isEmpty() && !target.contains(n)) {
                        target.add(n);
                    }
                }
            }
            String remaining = (text.substring(0, start).strip() + after).strip();
            return new Departments(remaining, lead, cooperating, true);
        }
    }

    private final class Parser {
        private final List<Line> lines;
        private final String pageTitle;
        private final List<String> warnings;
        private final List<SectionBuilder> sections = new ArrayList<>();
        private SectionBuilder section;
        private ItemBuilder item;
        private int itemCount;
        private boolean tooManyItems;
        private boolean tooManySections;

        Parser(List<Line> lines, String pageTitle, List<String> warnings) {
            this.lines = lines;
            this.pageTitle = pageTitle;
            this.warnings = warnings;
        }

        DraftCatalogue parse() {
            List<Line> structural = new ArrayList<>();
            for (Line line : lines) {
                Numbering numbering = Numbering.of(line.text());
                if (numbering != null || (line.listNumber != null && !line.text().isEmpty())) {
                    structural.add(line);
                }
            }
            if (structural.isEmpty()) {
                warnings.add("未识别到任何章节（一、二、…）或编号条目，目录为空。请检查网页内容或改为手工录入。");
                return new DraftCatalogue(titleBefore(lines.size(), null), List.of(), warnings);
            }
            Element root = commonAncestor(structural);
            int first = lines.indexOf(structural.get(0));
            String title = titleBefore(first, root);
            for (int i = first; i < lines.size(); i++) {
                Line line = lines.get(i);
                if (root != null && line.block != null && !isWithin(line.block, root)) {
                    continue;
                }
                accept(line);
                if (tooManyItems && tooManySections) {
                    break;
                }
            }
            List<DraftSection> drafts = new ArrayList<>();
            for (SectionBuilder builder : sections) {
                if (builder.items.isEmpty()) {
                    warnings.add(where(builder) + "没有识别到条目。");
                }
                drafts.add(builder.build());
            }
            return new DraftCatalogue(title, drafts, warnings);
        }

        private void accept(Line line) {
            String text = line.text();
            if (text.isEmpty()) {
                return;
            }
            Numbering numbering = Numbering.of(text);
            if (numbering != null && numbering.style() == Style.SECTION) {
                startSection(numbering, line);
                return;
            }
            if (line.listNumber != null) {
                // a list item: its written number if any, else its position in the list
                numbering = numbering == null ? new Numbering(Style.LIST, line.listNumber, text)
                        : new Numbering(Style.LIST, numbering.number(), numbering.rest());
            }
            if (numbering != null) {
                SectionBuilder current = currentSection();
                if (current.itemStyle == null || current.itemStyle == Style.IMPLICIT) {
                    current.itemStyle = numbering.style();
                }
                if (current.itemStyle == numbering.style()) {
                    startItem(numbering, line);
                    return;
                }
            }
            continuation(text);
        }

        private SectionBuilder currentSection() {
            if (section == null) {
                warnings.add("编号条目之前没有章节标题（一、二、…），这些条目归入一个未命名章节。");
                section = new SectionBuilder("", "");
                sections.add(section);
            }
            return section;
        }

        private void startSection(Numbering numbering, Line line) {
            if (sections.size() >= MAX_SECTIONS) {
                if (!tooManySections) {
                    warnings.add("章节过多（超过 " + MAX_SECTIONS + " 个），其余章节已忽略。");
                }
                tooManySections = true;
                section = null;
                item = null;
                return;
            }
            String where = "第" + numbering.number() + "部分";
            Departments departments = Departments.of(numbering.rest(), warnings, where);
            String title = titleOf(departments.text(), line.bold.toString());
            if (title.isEmpty()) {
                warnings.add(where + "缺少标题。");
            }
            if (!sections.isEmpty()) {
                SectionBuilder previous = sections.get(sections.size() - 1);
                int expected = number(previous.number) + 1;
                int actual = number(numbering.number());
                if (expected > 0 && actual > 0 && actual != expected) {
                    warnings.add("章节编号不连续：" + (previous.number.isEmpty() ? "未命名章节" : previous.number) + " 之后是 "
                            + numbering.number() + "。");
                }
            }
            section = new SectionBuilder(numbering.number(), title);
            section.lead.addAll(departments.lead());
            section.cooperating.addAll(departments.cooperating());
            for (String name : departments.lead()) {
                if (departments.cooperating().contains(name)) {
                    warnings.add(where + "：" + name + "同时列为牵头部门和配合部门。");
                }
            }
            sections.add(section);
            item = null;
        }

        private void startItem(Numbering numbering, Line line) {
            if (section == null || tooManySections) {
                item = null;
                return;
            }
            if (itemCount >= MAX_ITEMS) {
                if (!tooManyItems) {
                    warnings.add("条目过多（超过 " + MAX_ITEMS + " 条），其余条目已忽略。");
                }
                tooManyItems = true;
                item = null;
                return;
            }
            if (numbering.style() != Style.LIST && !section.items.isEmpty()) {
                ItemBuilder previous = section.items.get(section.items.size() - 1);
                int expected = number(previous.number) + 1;
                int actual = number(numbering.number());
                if (expected > 0 && actual > 0 && actual != expected) {
                    warnings.add(where(section) + "条目编号不连续：" + previous.number + " 之后是 " + numbering.number() + "。");
                }
            }
            item = new ItemBuilder(numbering.number(), numbering.rest(), line.bold.toString());
            itemCount++;
            section.items.add(item);
        }

        private void continuation(String text) {
            if (section == null || tooManySections) {
                return;
            }
            boolean ownDepartments = Departments.of(text, new ArrayList<>(), "").found();
            boolean previousClosed = item == null
                    || Departments.of(item.text.toString(), new ArrayList<>(), "").found();
            if (ownDepartments && previousClosed && !tooManyItems) {
                // an unnumbered paragraph carrying its own departments is an item of its own
                if (section.itemStyle == null) {
                    section.itemStyle = Style.IMPLICIT;
                }
                int previous = item == null ? 0 : number(item.number);
                String number = String.valueOf(previous >= 0 ? previous + 1 : section.items.size() + 1);
                warnings.add(where(section) + "有未编号的条目“" + abbreviate(text, 20) + "”，按顺序编为第 " + number + " 条。");
                item = new ItemBuilder(number, text, "");
                itemCount++;
                section.items.add(item);
                return;
            }
            if (item != null) {
                if (item.text.length() < MAX_ITEM_TEXT) {
                    item.text.append('\n').append(text);
                }
                return;
            }
            warnings.add(where(section) + "中的段落“" + abbreviate(text, 20) + "”不属于任何条目，已忽略。");
        }

        private String titleBefore(int end, Element root) {
            String fallback = null;
            for (int i = end - 1; i >= 0; i--) {
                Line line = lines.get(i);
                String text = line.text();
                if (text.isEmpty() || text.length() > MAX_TITLE) {
                    continue;
                }
                if (line.heading) {
                    return TRAILING_PUNCTUATION.matcher(text).replaceAll("");
                }
                if (fallback == null && root != null && line.block != null && isWithin(line.block, root)
                        && !text.matches("^附件\\s*[0-9０-９一二三四五六七八九十]*[：:]?$")) {
                    fallback = TRAILING_PUNCTUATION.matcher(text).replaceAll("");
                }
            }
            return fallback != null ? fallback : pageTitle;
        }

        private String where(SectionBuilder builder) {
            return builder.number.isEmpty() ? "未命名章节" : "第" + builder.number + "部分";
        }

        private final class SectionBuilder {
            final String number;
            final String title;
            final List<String> lead = new ArrayList<>();
            final List<String> cooperating = new ArrayList<>();
            final List<ItemBuilder> items = new ArrayList<>();
            Style itemStyle;

            SectionBuilder(String number, String title) {
                this.number = number;
                this.title = title;
            }

            DraftSection build() {
                List<DraftItem> built = new ArrayList<>();
                for (ItemBuilder builder : items) {
                    built.add(builder.build(where(this)));
                }
                return new DraftSection(number, title, lead, cooperating, built);
            }
        }

        private final class ItemBuilder {
            final String number;
            final StringBuilder text = new StringBuilder();
            final String bold;

            ItemBuilder(String number, String text, String bold) {
                this.number = number;
                this.text.append(text);
                this.bold = bold;
            }

            DraftItem build(String where) {
                String full = text.length() > MAX_ITEM_TEXT ? text.substring(0, MAX_ITEM_TEXT) : text.toString();
                if (text.length() > MAX_ITEM_TEXT) {
                    warnings.add(where + "第 " + number + " 条过长，只保留了前 " + MAX_ITEM_TEXT + " 字。");
                }
                Departments departments = Departments.of(full, warnings, where + "第 " + number + " 条");
                String body = departments.text();
                String title = titleOf(body, bold);
                if (title.isEmpty()) {
                    warnings.add(where + "第 " + number + " 条缺少内容。");
                }
                return new DraftItem(number, title, body, departments.lead(), departments.cooperating());
            }
        }
    }

    /** The bold lead phrase if the text starts with it, else the first sentence, at most 60 characters. */
    static String titleOf(String text, String bold) {
        String body = clean(text);
        String lead = clean(bold);
        Numbering numbering = Numbering.of(lead);
        if (numbering != null) {
            lead = clean(numbering.rest());
        }
        lead = TRAILING_PUNCTUATION.matcher(lead).replaceAll("");
        if (!lead.isEmpty() && lead.length() <= MAX_TITLE * 2 && body.startsWith(lead)) {
            return abbreviate(lead, MAX_TITLE);
        }
        int end = body.length();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '。' || c == '；' || c == ';' || c == '！' || c == '？' || c == '：' || c == '\n') {
                end = i;
                break;
            }
        }
        String sentence = TRAILING_PUNCTUATION.matcher(body.substring(0, end)).replaceAll("");
        if (sentence.length() > MAX_TITLE) {
            int comma = sentence.indexOf('，');
            if (comma >= 4 && comma <= MAX_TITLE) {
                return sentence.substring(0, comma);
            }
        }
        return abbreviate(sentence, MAX_TITLE);
    }

    static String abbreviate(String text, int max) {
        String t = clean(text);
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }

    private static String ascii(String digits) {
        StringBuilder out = new StringBuilder();
        for (char c : digits.toCharArray()) {
            out.append(c >= '０' && c <= '９' ? (char) ('0' + (c - '０')) : c);
        }
        return out.toString();
    }

    /** A number written in digits or Chinese numerals (to 99), or -1. */
    static int number(String written) {
        if (written == null || written.isEmpty()) {
            return -1;
        }
        if (written.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(ascii(written));
        }
        String digits = "零一二三四五六七八九";
        int value = 0;
        int current = 0;
        for (char c : written.toCharArray()) {
            int d = c == '〇' ? 0 : c == '两' ? 2 : digits.indexOf(c);
            if (d >= 0) {
                current = d;
            } else if (c == '十') {
                value += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else {
                return -1;
            }
        }
        return value + current;
    }

    private static Element commonAncestor(List<Line> structural) {
        Element common = null;
        for (Line line : structural) {
            if (line.block == null) {
                return null;
            }
            if (common == null) {
                common = line.block.parent() != null ? line.block.parent() : line.block;
                continue;
            }
            while (common != null && !isWithin(line.block, common)) {
                common = common.parent();
            }
            if (common == null) {
                return null;
            }
        }
        return common;
    }

    private static boolean isWithin(Element element, Element ancestor) {
        for (Element e = element; e != null; e = e.parent()) {
            if (e == ancestor) {
                return true;
            }
        }
        return false;
    }
}
