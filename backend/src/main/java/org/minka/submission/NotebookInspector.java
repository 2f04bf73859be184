package org.minka.submission;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.minka.common.LibraryErrors;
import org.minka.common.Problem;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a notebook against the nbformat v4 JSON schema of its own minor version (schemas loaded
 * once at startup), plus the uniqueness of cell ids from 4.5 on, and extracts its metadata. Minors
 * 0 to 3 predate the published 4.4 schema only by fields they lack, so they are checked with the
 * 4.4 rules and the minor's own number allowed.
 */
@Component
class NotebookInspector {

    static final int MAX_ERRORS = 10;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Schema v44;
    private final Schema v40to43;
    private final Schema v45;

    NotebookInspector() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        JsonNode schema44 = load("nbformat/nbformat.v4.4.schema.json");
        ObjectNode older = (ObjectNode) schema44.deepCopy();
        ((ObjectNode) older.get("properties").get("nbformat_minor")).put("minimum", 0);
        this.v44 = registry.getSchema(schema44);
        this.v40to43 = registry.getSchema(older);
        this.v45 = registry.getSchema(load("nbformat/nbformat.v4.5.schema.json"));
    }

    private JsonNode load(String resource) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return json.readTree(in);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** What an upload of a notebook learns: the parsed tree and its metadata, or the errors. */
    record Result(JsonNode notebook, NotebookFacts facts, List<Problem.FieldViolation> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    Result inspect(byte[] bytes) {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JacksonException ex) {
            return invalid("/", LibraryErrors.json(ex));
        }
        if (root == null || !root.isObject()) {
            return invalid("/", "a notebook is a JSON object");
        }
        JsonNode major = root.get("nbformat");
        JsonNode minor = root.get("nbformat_minor");
        if (major == null || !major.isInt() || major.asInt() != 4) {
            return invalid("/nbformat", "only nbformat 4 notebooks are accepted");
        }
        if (minor == null || !minor.isInt() || minor.asInt() < 0) {
            return invalid("/nbformat_minor", "must be a non-negative integer");
        }
        int m = minor.asInt();
        Schema schema = m >= 5 ? v45 : m == 4 ? v44 : v40to43;
        List<Problem.FieldViolation> errors = new ArrayList<>();
        for (var error : schema.validate(root)) {
            if (errors.size() == MAX_ERRORS) {
                break;
            }
            errors.add(
                    new Problem.FieldViolation(
                            pointer(error.getInstanceLocation().toString()), error.getMessage()));
        }
        if (errors.isEmpty() && m >= 5) {
            Set<String> seen = new HashSet<>();
            JsonNode cells = root.get("cells");
            for (int i = 0; i < cells.size() && errors.size() < MAX_ERRORS; i++) {
                String id = cells.get(i).path("id").asString();
                if (!seen.add(id)) {
                    errors.add(
                            new Problem.FieldViolation(
                                    "/cells/" + i + "/id", "duplicate cell id '" + id + "'"));
                }
            }
        }
        return errors.isEmpty()
                ? new Result(root, facts(root), List.of())
                : new Result(null, null, errors);
    }

    /** Error locations as JSON Pointers, the root as "/". */
    private static String pointer(String location) {
        return location.isEmpty() ? "/" : location;
    }

    private static Result invalid(String path, String message) {
        return new Result(null, null, List.of(new Problem.FieldViolation(path, message)));
    }

    static NotebookFacts facts(JsonNode root) {
        JsonNode meta = root.path("metadata");
        String language = meta.path("language_info").path("name").asString(null);
        if (language == null) {
            language = meta.path("kernelspec").path("language").asString(null);
        }
        String kernel = meta.path("kernelspec").path("name").asString(null);
        int code = 0;
        int markdown = 0;
        int images = 0;
        boolean outputs = false;
        for (JsonNode cell : root.path("cells")) {
            String type = cell.path("cell_type").asString("");
            if (type.equals("code")) {
                code++;
                for (JsonNode output : cell.path("outputs")) {
                    outputs = true;
                    JsonNode data = output.path("data");
                    for (String mime : NotebookPreview.IMAGE_TYPES) {
                        if (data.has(mime)) {
                            images++;
                            break;
                        }
                    }
                }
            } else if (type.equals("markdown")) {
                markdown++;
            }
        }
        return new NotebookFacts(
                root.path("nbformat").asInt(),
                root.path("nbformat_minor").asInt(),
                language,
                kernel,
                code,
                markdown,
                outputs,
                images);
    }
}
