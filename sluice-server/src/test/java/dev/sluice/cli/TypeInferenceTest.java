package dev.sluice.cli;

import dev.sluice.collection.CollectionSchema;
import dev.sluice.collection.Field;
import dev.sluice.format.Dialect;
import dev.sluice.job.SourceFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TypeInferenceTest {
    @TempDir
    Path dir;

    private static String types(CollectionSchema c) {
        return c.fields().stream().map(f -> f.name() + ":" + f.type().wireName() + (f.required() ? "!" : ""))
                .collect(Collectors.joining(" "));
    }

    @Test
    void each_csv_column_gets_the_first_type_every_sampled_value_fits() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, """
                id,n,x,flag,day,at,uid,word,empty,mixed
                1,2,1.5,yes,2024-01-02,2024-01-02T10:00:00Z,123e4567-e89b-12d3-a456-426614174000,a,,1
                2,-3,2,no,2024-01-03,2024-01-03 11:00:00,123e4567-e89b-12d3-a456-426614174001,b,,x
                """);

        CollectionSchema c = TypeInference.infer("t", csv, SourceFormat.CSV, Dialect.DEFAULT, List.of("id"), 100);

        assertThat(types(c)).isEqualTo("id:integer! n:integer x:number flag:boolean day:date at:timestamp"
                + " uid:uuid word:string empty:string mixed:string");
    }

    @Test
    void ndjson_members_are_typed_from_their_json_values() throws Exception {
        Path jsonl = dir.resolve("t.jsonl");
        Files.writeString(jsonl, """
                {"id": 1, "score": 1.5, "ok": true, "tags": ["a"], "day": "2024-01-02", "code": "42"}
                {"id": 2, "score": 3, "ok": false, "tags": {"b": 1}, "day": "2024-01-03", "code": "x"}
                """);

        CollectionSchema c = TypeInference.infer("t", jsonl, SourceFormat.JSONL, Dialect.DEFAULT, List.of("id"), 100);

        assertThat(types(c)).isEqualTo("id:integer! score:number ok:boolean tags:json day:date code:string");
        assertThat(c.fields()).extracting(Field::name).containsExactly("id", "score", "ok", "tags", "day", "code");
    }

    @Test
    void only_the_sample_counts() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "id,v\n1,10\n2,20\n3,not a number\n");

        CollectionSchema c = TypeInference.infer("t", csv, SourceFormat.CSV, Dialect.DEFAULT, List.of("id"), 2);

        assertThat(types(c)).isEqualTo("id:integer! v:integer");
    }
}
