package io.meshkit.snapshotingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.landing.Manifest;
import io.meshkit.snapshotingest.api.Drift;
import java.util.List;

/** JSON output helpers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static void strings(ObjectNode node, String field, List<String> values) {
        ArrayNode a = node.putArray(field);
        values.forEach(a::add);
    }

    static void drift(ObjectNode node, Drift drift) {
        ArrayNode a = node.putArray("drift");
        for (Drift.Difference d : drift.differences()) {
            a.addObject().put("change", d.change().name()).put("column", d.column()).put("detail", d.detail());
        }
    }

    static void position(ObjectNode node, Manifest.Position p) {
        if (p == null) {
            node.putNull("position");
        } else {
            ObjectNode o = node.putObject("position");
            o.put("binlogFile", p.binlogFile());
            o.put("binlogPosition", p.binlogPosition());
            o.put("gtidSet", p.gtidSet());
        }
    }
}
