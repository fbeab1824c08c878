package io.meshkit.linter.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshkit.core.contract.DatasetKind;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.type.LogicalType;
import io.meshkit.linter.api.Conventions;
import io.meshkit.linter.api.Conventions.GlossaryTerm;
import io.meshkit.linter.api.Conventions.Suppression;
import io.meshkit.linter.api.Conventions.TypePattern;
import io.meshkit.linter.api.Rules;
import io.meshkit.linter.api.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads conventions files. A file extends another ({@code extends: PATH}, relative to the file) or, without
 * {@code extends}, the built-in defaults. Settings replace the extended file's; lists of entries add to them.
 */
public final class ConventionsLoader {
    /** The built-in conventions resource. */
    public static final String DEFAULT_RESOURCE = "/io/meshkit/linter/default-conventions.yaml";
    private static final String DEFAULT_NAME = "default-conventions.yaml (built in)";
    private static final Set<String> TOP_KEYS = Set.of("extends", "rules", "naming", "types", "glossary", "personalData",
            "published", "primaryKey", "samplingKey", "suppress");
    private static volatile Conventions defaults;

    private ConventionsLoader() {}

    /** The built-in conventions. */
    public static Conventions defaults() {
        Conventions d = defaults;
        if (d == null) {
            d = build(List.of(defaultDoc()));
            defaults = d;
        }
        return d;
    }

    /** A conventions file and everything it extends. */
    public static Conventions load(Path file) {
        List<YamlDoc> chain = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        Path current = file;
        while (true) {
            Path real = current.toAbsolutePath().normalize();
            if (!seen.add(real)) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read conventions " + file
                        + ": extends forms a cycle through " + current);
            }
            YamlDoc doc = YamlDoc.parse(current.toString(), read(current));
            if (!doc.root.isObject()) {
                throw doc.error("", "a conventions file must be a mapping");
            }
            chain.add(doc);
            JsonNode ext = doc.root.get("extends");
            if (ext == null || ext.isNull() || ext.asText().equals("default")) {
                break;
            }
            if (!ext.isTextual() || ext.asText().isBlank()) {
                throw doc.error("/extends", "extends must name a conventions file (a path relative to this file)");
            }
            Path parent = current.toAbsolutePath().getParent();
            current = parent.resolve(ext.asText());
            if (!Files.exists(current)) {
                throw doc.error("/extends", "no such conventions file " + ext.asText());
            }
        }
        chain.add(defaultDoc());
        List<YamlDoc> bottomUp = new ArrayList<>(chain);
        java.util.Collections.reverse(bottomUp);
        return build(bottomUp);
    }

    private static String read(Path file) {
        try {
            return io.meshkit.core.yaml.YamlInput.read(file);
        } catch (io.meshkit.core.yaml.YamlInputException e) {
            throw new MeshkitException(e.problem().equals("no such file") ? ErrorCode.FILE_NOT_FOUND : ErrorCode.INVALID_ARGUMENT,
                    "Cannot read conventions " + e.location() + ": " + e.problem(), e);
        }
    }

    private static YamlDoc defaultDoc() {
        try (InputStream in = ConventionsLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot read the default conventions: resource missing");
            }
            return YamlDoc.parse(DEFAULT_NAME, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot read the default conventions: " + e.getMessage(), e);
        }
    }

    /** Applies the documents from the built-in default (first) to the most specific file (last). */
    private static Conventions build(List<YamlDoc> bottomUp) {
        Map<String, Severity> severities = new HashMap<>();
        Pattern namePattern = null;
        int maxLength = 63;
        Set<String> reserved = new LinkedHashSet<>();
        List<TypePattern> types = new ArrayList<>();
        Map<String, GlossaryTerm> glossary = new LinkedHashMap<>();
        List<Pattern> personal = new ArrayList<>();
        Set<String> statuses = Set.of("active");
        Set<DatasetKind> pkFor = EnumSet.of(DatasetKind.DIMENSION, DatasetKind.SNAPSHOT);
        Set<DatasetKind> samplingFor = EnumSet.of(DatasetKind.FACT);
        List<Suppression> suppressions = new ArrayList<>();
        List<String> sources = new ArrayList<>();

        for (YamlDoc doc : bottomUp) {
            sources.add(0, doc.path);
            JsonNode root = doc.root;
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!TOP_KEYS.contains(key)) {
                    throw doc.keyError("/" + key, "unknown key '" + key + "' (known: " + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)) + ")");
                }
            }
            JsonNode rules = root.get("rules");
            if (rules != null && !rules.isNull()) {
                requireObject(doc, "/rules", rules);
                for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String ptr = "/rules/" + e.getKey();
                    if (Rules.byId(e.getKey()).isEmpty()) {
                        throw doc.keyError(ptr, "unknown rule '" + e.getKey() + "'" + Names.didYouMean(e.getKey()));
                    }
                    JsonNode v = e.getValue().isObject() ? e.getValue().get("severity") : e.getValue();
                    String vptr = e.getValue().isObject() ? ptr + "/severity" : ptr;
                    Severity s = v == null || !v.isTextual() ? null : Severity.parse(v.asText()).orElse(null);
                    if (s == null) {
                        throw doc.error(vptr, "the severity of " + e.getKey() + " must be error, warning, note or off");
                    }
                    if (e.getKey().equals(Rules.CONTRACT_INVALID) && s != Severity.ERROR) {
                        throw doc.error(vptr, Rules.CONTRACT_INVALID + " is always an error: an invalid contract cannot be linted");
                    }
                    severities.put(e.getKey(), s);
                }
            }
            JsonNode naming = root.get("naming");
            if (naming != null && !naming.isNull()) {
                requireObject(doc, "/naming", naming);
                checkKeys(doc, "/naming", naming, Set.of("pattern", "maxLength", "reserved"));
                if (naming.has("pattern")) {
                    String re = text(doc, "/naming/pattern", naming.get("pattern"));
                    try {
                        namePattern = Pattern.compile(re);
                    } catch (PatternSyntaxException ex) {
                        throw doc.error("/naming/pattern", "not a regular expression: " + ex.getDescription());
                    }
                }
                if (naming.has("maxLength")) {
                    JsonNode m = naming.get("maxLength");
                    if (!m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 1) {
                        throw doc.error("/naming/maxLength", "maxLength must be a positive integer");
                    }
                    maxLength = m.asInt();
                }
                if (naming.has("reserved")) {
                    for (String w : strings(doc, "/naming/reserved", naming.get("reserved"))) {
                        reserved.add(w.toLowerCase(Locale.ROOT));
                    }
                }
            }
            JsonNode typesNode = root.get("types");
            if (typesNode != null && !typesNode.isNull()) {
                requireArray(doc, "/types", typesNode);
                List<TypePattern> layer = new ArrayList<>();
                for (int i = 0; i < typesNode.size(); i++) {
                    String ptr = "/types/" + i;
                    JsonNode t = typesNode.get(i);
                    requireObject(doc, ptr, t);
                    checkKeys(doc, ptr, t, Set.of("pattern", "expect"));
                    String glob = text(doc, ptr + "/pattern", t.get("pattern"));
                    Set<LogicalType> expect = EnumSet.noneOf(LogicalType.class);
                    List<String> names = strings(doc, ptr + "/expect", t.get("expect"));
                    for (int j = 0; j < names.size(); j++) {
                        String n = names.get(j);
                        expect.add(LogicalType.fromOdcs(n).orElseThrow(() -> doc.error(ptr + "/expect",
                                "unknown logical type '" + n + "' (known: string, date, timestamp, time, number, integer,"
                                        + " object, array, boolean)")));
                    }
                    if (expect.isEmpty()) {
                        throw doc.error(ptr + "/expect", "expect needs at least one logical type");
                    }
                    layer.add(new TypePattern(glob, Names.glob(glob), expect));
                }
                types.addAll(0, layer); // the more specific file's patterns are tried first
            }
            JsonNode gl = root.get("glossary");
            if (gl != null && !gl.isNull()) {
                requireArray(doc, "/glossary", gl);
                for (int i = 0; i < gl.size(); i++) {
                    String ptr = "/glossary/" + i;
                    JsonNode g = gl.get(i);
                    requireObject(doc, ptr, g);
                    checkKeys(doc, ptr, g, Set.of("name", "description", "aliases"));
                    String name = text(doc, ptr + "/name", g.get("name"));
                    String description = g.hasNonNull("description") ? g.get("description").asText() : null;
                    List<String> aliases = g.has("aliases") ? strings(doc, ptr + "/aliases", g.get("aliases")) : List.of();
                    glossary.remove(name);
                    glossary.put(name, new GlossaryTerm(name, description, aliases));
                }
            }
            JsonNode pd = root.get("personalData");
            if (pd != null && !pd.isNull()) {
                requireObject(doc, "/personalData", pd);
                checkKeys(doc, "/personalData", pd, Set.of("patterns"));
                if (pd.has("patterns")) {
                    for (String g : strings(doc, "/personalData/patterns", pd.get("patterns"))) {
                        personal.add(Names.glob(g));
                    }
                }
            }
            JsonNode pub = root.get("published");
            if (pub != null && !pub.isNull()) {
                requireObject(doc, "/published", pub);
                checkKeys(doc, "/published", pub, Set.of("statuses"));
                if (pub.has("statuses")) {
                    Set<String> s = new LinkedHashSet<>();
                    strings(doc, "/published/statuses", pub.get("statuses")).forEach(x -> s.add(x.toLowerCase(Locale.ROOT)));
                    statuses = s;
                }
            }
            pkFor = kinds(doc, "primaryKey", root, pkFor);
            samplingFor = kinds(doc, "samplingKey", root, samplingFor);
            JsonNode sup = root.get("suppress");
            if (sup != null && !sup.isNull()) {
                requireArray(doc, "/suppress", sup);
                for (int i = 0; i < sup.size(); i++) {
                    suppressions.add(suppression(doc, "/suppress/" + i, sup.get(i)));
                }
            }
        }
        if (namePattern == null) {
            namePattern = Pattern.compile("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
        }
        return new Conventions(sources, severities, namePattern, maxLength, reserved, types,
                new ArrayList<>(glossary.values()), personal, statuses, pkFor, samplingFor, suppressions);
    }

    private static Set<DatasetKind> kinds(YamlDoc doc, String key, JsonNode root, Set<DatasetKind> current) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return current;
        }
        requireObject(doc, "/" + key, n);
        checkKeys(doc, "/" + key, n, Set.of("requiredFor"));
        if (!n.has("requiredFor")) {
            return current;
        }
        Set<DatasetKind> kinds = EnumSet.noneOf(DatasetKind.class);
        for (String k : strings(doc, "/" + key + "/requiredFor", n.get("requiredFor"))) {
            kinds.add(DatasetKind.fromOdcs(k).orElseThrow(() -> doc.error("/" + key + "/requiredFor",
                    "unknown dataset kind '" + k + "' (known: dimension, fact, snapshot)")));
        }
        return kinds;
    }

    private static Suppression suppression(YamlDoc doc, String ptr, JsonNode s) {
        requireObject(doc, ptr, s);
        checkKeys(doc, ptr, s, Set.of("rule", "reason", "path", "contract", "dataset", "column"));
        if (!s.hasNonNull("rule") || s.get("rule").asText().isBlank()) {
            throw doc.error(ptr, "a suppression needs a rule");
        }
        String rule = s.get("rule").asText();
        if (Rules.byId(rule).isEmpty()) {
            throw doc.error(ptr + "/rule", "unknown rule '" + rule + "'" + Names.didYouMean(rule));
        }
        if (rule.equals(Rules.CONTRACT_INVALID)) {
            throw doc.error(ptr + "/rule", Rules.CONTRACT_INVALID + " cannot be suppressed");
        }
        if (!s.hasNonNull("reason") || s.get("reason").asText().isBlank()) {
            throw doc.error(ptr, "the suppression of " + rule + " needs a reason");
        }
        Pattern path = s.hasNonNull("path") ? Names.glob(s.get("path").asText()) : null;
        return new Suppression(rule, s.get("reason").asText(), path, opt(s, "contract"), opt(s, "dataset"),
                opt(s, "column"), doc.at(ptr));
    }

    private static String opt(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    private static void requireObject(YamlDoc doc, String ptr, JsonNode n) {
        if (n == null || !n.isObject()) {
            throw doc.error(ptr, ptr.substring(ptr.lastIndexOf('/') + 1) + " must be a mapping");
        }
    }

    private static void requireArray(YamlDoc doc, String ptr, JsonNode n) {
        if (!n.isArray()) {
            throw doc.error(ptr, ptr.substring(ptr.lastIndexOf('/') + 1) + " must be a list");
        }
    }

    private static void checkKeys(YamlDoc doc, String ptr, JsonNode n, Set<String> known) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw doc.keyError(ptr + "/" + k, "unknown key '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static String text(YamlDoc doc, String ptr, JsonNode n) {
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw doc.error(ptr, ptr.substring(ptr.lastIndexOf('/') + 1) + " must be a non-empty string");
        }
        return n.asText();
    }

    private static List<String> strings(YamlDoc doc, String ptr, JsonNode n) {
        if (n == null || !n.isArray()) {
            throw doc.error(ptr, ptr.substring(ptr.lastIndexOf('/') + 1) + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode x = n.get(i);
            if (!x.isValueNode() || x.isNull() || x.asText().isBlank()) {
                throw doc.error(ptr + "/" + i, "expected a string");
            }
            out.add(x.asText());
        }
        return out;
    }
}
