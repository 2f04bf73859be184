package org.minka.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.minka.catalog.portal.DatasetSnapshot;
import org.minka.catalog.portal.DatasetSnapshot.Resource;

/** The changes between two snapshots: fields changed, resources added, removed or changed. */
final class SnapshotDiff {

    private static final Map<String, Function<DatasetSnapshot, Object>> FIELDS =
            new LinkedHashMap<>();

    static {
        FIELDS.put("title", DatasetSnapshot::title);
        FIELDS.put("description", DatasetSnapshot::description);
        FIELDS.put("publisherName", DatasetSnapshot::publisherName);
        FIELDS.put("licenseId", DatasetSnapshot::licenseId);
        FIELDS.put("licenseText", DatasetSnapshot::licenseText);
        FIELDS.put("tags", DatasetSnapshot::tags);
        FIELDS.put("themes", DatasetSnapshot::themes);
        FIELDS.put("spatial", DatasetSnapshot::spatial);
        FIELDS.put("temporal", DatasetSnapshot::temporal);
        FIELDS.put("issued", DatasetSnapshot::issuedRaw);
        FIELDS.put("modified", DatasetSnapshot::modifiedRaw);
        FIELDS.put("contactEmail", DatasetSnapshot::contactEmail);
        FIELDS.put("accessRights", DatasetSnapshot::accessRights);
        FIELDS.put("rights", DatasetSnapshot::rights);
        FIELDS.put("accrualPeriodicity", DatasetSnapshot::accrualPeriodicity);
        FIELDS.put("landingPage", DatasetSnapshot::landingPage);
    }

    private SnapshotDiff() {}

    static List<Dataset.Change> between(DatasetSnapshot before, DatasetSnapshot after) {
        List<Dataset.Change> changes = new ArrayList<>();
        FIELDS.forEach(
                (name, getter) -> {
                    Object a = getter.apply(before);
                    Object b = getter.apply(after);
                    if (!Objects.equals(a, b)) {
                        changes.add(new Dataset.Change("FIELD_CHANGED", name, str(a), str(b)));
                    }
                });
        Map<String, Resource> old = byKey(before.resources());
        Map<String, Resource> now = byKey(after.resources());
        old.forEach(
                (key, r) -> {
                    Resource n = now.get(key);
                    if (n == null) {
                        changes.add(new Dataset.Change("RESOURCE_REMOVED", "resources", key, null));
                    } else if (!r.equals(n)) {
                        changes.add(
                                new Dataset.Change(
                                        "RESOURCE_CHANGED", "resources", describe(r), describe(n)));
                    }
                });
        now.keySet().stream()
                .filter(k -> !old.containsKey(k))
                .forEach(
                        k ->
                                changes.add(
                                        new Dataset.Change(
                                                "RESOURCE_ADDED", "resources", null, k)));
        return changes;
    }

    private static Map<String, Resource> byKey(List<Resource> resources) {
        Map<String, Resource> out = new LinkedHashMap<>();
        for (int i = 0; i < resources.size(); i++) {
            Resource r = resources.get(i);
            String key =
                    r.accessUrl() != null ? r.accessUrl() : r.name() != null ? r.name() : "#" + i;
            out.putIfAbsent(key, r);
        }
        return out;
    }

    private static String describe(Resource r) {
        return (r.accessUrl() != null ? r.accessUrl() : r.name())
                + " [format "
                + r.declaredFormat()
                + ", size "
                + r.sizeRaw()
                + "]";
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
