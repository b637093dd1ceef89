package dev.sluice.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.collection.FieldType;
import dev.sluice.error.SluiceException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines, finds and drops collections, and reads their records back. Definitions are cached:
 * they never change after creation. Thread-safe.
 *
 * @throws SluiceException.Conflict on a second definition of a name, or a drop while jobs use it
 */
public final class CollectionStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = "INSERT INTO _sluice_collections (name, definition, created_at) VALUES (?, ?, ?)";
    private static final String SELECT_ONE = "SELECT name, definition, created_at FROM _sluice_collections WHERE name = ?";
    private static final String SELECT_ALL = "SELECT name, definition, created_at FROM _sluice_collections ORDER BY name";
    private static final String DELETE = "DELETE FROM _sluice_collections WHERE name = ?";
    private static final String ACTIVE_JOBS = "SELECT count(*) FROM _sluice_jobs WHERE collection = ? AND "
            + JobTransitions.stateIn(JobTransitions.UNFINISHED);

    private final Database db;
    private final InstantSource clock;
    private final Map<String, CollectionSchema> cache = new ConcurrentHashMap<>();

    public CollectionStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores the definition and creates the table, in one transaction. */
    public CollectionSchema create(CollectionSchema definition) {
        CollectionSchema stored = definition.createdAt(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        db.write(h -> {
            if (h.createQuery(SELECT_ONE).bind(0, stored.name()).mapToMap().findOne().isPresent()
                    || db.dialect().tableExists(h, stored.name())) {
                throw new SluiceException.Conflict("collection_exists",
                        "collection '" + stored.name() + "' already exists", Map.of("collection", stored.name()));
            }
            h.execute(INSERT, stored.name(), toJson(stored), Times.text(stored.createdAt()));
            for (String ddl : db.dialect().createTable(stored)) {
                h.execute(ddl);
            }
            return null;
        });
        cache.put(stored.name(), stored);
        return stored;
    }

    public Optional<CollectionSchema> find(String name) {
        CollectionSchema cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<CollectionSchema> found = db.read(h -> h.createQuery(SELECT_ONE).bind(0, name)
                .map((rs, ctx) -> fromRow(rs)).findOne());
        found.ifPresent(c -> cache.put(c.name(), c));
        return found;
    }

    /** @throws SluiceException.NotFound {@code collection_not_found} */
    public CollectionSchema require(String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    public List<CollectionSchema> list() {
        return db.read(h -> h.createQuery(SELECT_ALL).map((rs, ctx) -> fromRow(rs)).list());
    }

    /** Drops the table and the definition; refused while an unfinished job targets the collection. */
    public void drop(String name) {
        db.write(h -> {
            if (h.createQuery(SELECT_ONE).bind(0, name).mapToMap().findOne().isEmpty()) {
                throw notFound(name);
            }
            var query = h.createQuery(ACTIVE_JOBS).bind(0, name);
            JobTransitions.bindAll(query, 1, JobTransitions.wireNames(JobTransitions.UNFINISHED));
            int active = query.mapTo(Integer.class).one();
            if (active > 0) {
                throw new SluiceException.Conflict("collection_busy", "collection '" + name + "' has " + active
                        + " unfinished import job(s); cancel them or let them finish first", Map.of("collection", name));
            }
            h.execute(DELETE, name);
            h.execute("DROP TABLE IF EXISTS " + db.dialect().table(name));
            return null;
        });
        cache.remove(name);
    }

    public long recordCount(CollectionSchema c) {
        return db.read(h -> h.createQuery("SELECT count(*) FROM " + db.dialect().table(c.name()))
                .mapTo(Long.class).one());
    }

    /**
     * A page of records in insertion order, each as its fields plus {@code _id}, {@code _import_id},
     * {@code _created_at} and {@code _updated_at}.
     *
     * @param after the last position of the previous page (0 for the first)
     * @param keyValues when non-null, only the record with this key (one text per key field)
     */
    public RecordPage records(CollectionSchema c, int limit, long after, List<Object> keyValues) {
        SqlDialect dialect = db.dialect();
        if (keyValues != null && !dialect.textHoldsNul() && keyValues.stream().anyMatch(CollectionStore::holdsNul)) {
            return new RecordPage(List.of(), null); // no stored key holds what this database cannot store
        }
        String order = dialect.insertionOrder();
        StringBuilder sql = new StringBuilder("SELECT " + order + ", _id, _import_id, _created_at, _updated_at");
        for (Field f : c.fields()) {
            sql.append(", ").append(Identifiers.quote(f.name()));
        }
        sql.append(" FROM ").append(dialect.table(c.name())).append(" WHERE ").append(order).append(" > ?");
        if (keyValues != null) {
            for (String k : c.key()) {
                sql.append(" AND ").append(dialect.keyEquals(c, k));
            }
        }
        sql.append(" ORDER BY ").append(order).append(" LIMIT ?");
        return db.read(h -> {
            try (PreparedStatement ps = h.getConnection().prepareStatement(sql.toString())) {
                int p = 1;
                ps.setLong(p++, after);
                if (keyValues != null) {
                    for (int i = 0; i < c.key().size(); i++) {
                        dialect.bind(ps, p++, c.field(c.key().get(i)).type(), keyValues.get(i));
                    }
                }
                ps.setInt(p, limit + 1);
                List<Map<String, Object>> rows = new ArrayList<>();
                long last = after;
                boolean more = false;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rows.size() == limit) {
                            more = true;
                            break;
                        }
                        last = rs.getLong(1);
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 0; i < c.fields().size(); i++) {
                            Field f = c.fields().get(i);
                            row.put(f.name(), dialect.read(rs, 6 + i, f.type()));
                        }
                        row.put("_id", String.valueOf(dialect.readId(rs, 2)));
                        UUID importId = dialect.readId(rs, 3);
                        row.put("_import_id", importId == null ? null : importId.toString());
                        row.put("_created_at", Times.text(dialect.readTime(rs, 4)));
                        row.put("_updated_at", Times.text(dialect.readTime(rs, 5)));
                        rows.add(row);
                    }
                }
                return new RecordPage(rows, more ? last : null);
            } catch (SQLException e) {
                if (ConnectionLoss.isLost(e)) {
                    throw new SluiceException.Unavailable("database_unavailable", "reading " + c.name() + " failed: "
                            + e.getMessage(), Map.of(), e);
                }
                throw new IllegalStateException("reading " + c.name() + " failed: " + e.getMessage(), e);
            }
        });
    }

    private static boolean holdsNul(Object value) {
        return value instanceof String s && s.indexOf('\0') >= 0;
    }

    /** One page of records; {@code nextAfter} is null on the last page. */
    public record RecordPage(List<Map<String, Object>> records, Long nextAfter) {
    }

    public static SluiceException.NotFound notFound(String name) {
        return new SluiceException.NotFound("collection_not_found", "collection '" + name + "' does not exist",
                Map.of("collection", String.valueOf(name)));
    }

    static String toJson(CollectionSchema c) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode fields = root.putArray("fields");
        for (Field f : c.fields()) {
            ObjectNode fn = fields.addObject();
            fn.put("name", f.name());
            fn.put("type", f.type().wireName());
            fn.put("required", f.required());
            if (f.maxLength() != null) {
                fn.put("max_length", f.maxLength());
            }
            if (f.format() != null) {
                fn.put("format", f.format());
            }
        }
        ArrayNode key = root.putArray("key");
        c.key().forEach(key::add);
        root.put("key_case_insensitive", c.keyCaseInsensitive());
        return root.toString();
    }

    private static CollectionSchema fromRow(ResultSet rs) throws SQLException {
        try {
            JsonNode def = JSON.readTree(rs.getString("definition"));
            List<Field> fields = new ArrayList<>();
            for (JsonNode fn : def.get("fields")) {
                fields.add(new Field(fn.get("name").asText(), FieldType.fromWireName(fn.get("type").asText()),
                        fn.path("required").asBoolean(false),
                        fn.hasNonNull("max_length") ? fn.get("max_length").asInt() : null,
                        fn.hasNonNull("format") ? fn.get("format").asText() : null));
            }
            List<String> key = new ArrayList<>();
            def.get("key").forEach(k -> key.add(k.asText()));
            return new CollectionSchema(rs.getString("name"), fields, key, def.path("key_case_insensitive").asBoolean(false),
                    Times.parse(rs.getString("created_at")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
