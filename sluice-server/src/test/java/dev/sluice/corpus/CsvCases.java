package dev.sluice.corpus;

import dev.sluice.corpus.HostileCase.CollectionDef;
import dev.sluice.corpus.HostileCase.Expect;
import dev.sluice.corpus.HostileCase.Request;
import dev.sluice.corpus.HostileCase.Row;
import dev.sluice.corpus.HostileCase.Want;

import java.util.ArrayList;
import java.util.List;

import static dev.sluice.corpus.Cases.CSV;
import static dev.sluice.corpus.Cases.utf8;
import static dev.sluice.corpus.HostileCase.Want.FAITHFUL_OR_REFUSED;
import static dev.sluice.corpus.HostileCase.Want.OPTIONAL;
import static dev.sluice.corpus.HostileCase.Want.REFUSED;
import static dev.sluice.corpus.HostileCase.Want.STORED;

/**
 * CSV edge cases over a collection {@code id, name} (both strings): quotes, an unterminated quote,
 * text after a closing quote, ragged rows, empty lines, a byte order mark, CR-only, CRLF and LF
 * line ends mixed, huge fields, NUL bytes, other delimiters and dialect options, including
 * options that cannot work. Rows name the physical line they start on (docs/concepts.md, Lines).
 * Stateless.
 */
final class CsvCases {
    private static final CollectionDef PEOPLE = CollectionDef.keyAnd("name:string");

    private CsvCases() {
    }

    private static Row r(long line, String key, Want want, String name) {
        return Cases.row(line, key, want, "name", Faithful.text(name));
    }

    private static HostileCase csv(String name, String options, String body, Row... rows) {
        return Cases.imports("csv", name, PEOPLE, Request.importing(CSV, options, utf8(body)), List.of(rows));
    }

    /** @param large the size of a field that is large but may still be under the server's record limit */
    static List<HostileCase> all(int large) {
        List<HostileCase> cases = new ArrayList<>();
        cases.addAll(quotes());
        cases.addAll(shapes());
        cases.addAll(lineEnds());
        cases.addAll(dialects());
        cases.addAll(sizes(large));
        return cases;
    }

    private static List<HostileCase> quotes() {
        List<Row> folded = new ArrayList<>(List.of(r(2, "a", STORED, "x"), Cases.row(3, "b", REFUSED, "name", Faithful.NONE)));
        StringBuilder body = new StringBuilder("id,name\na,x\nb,\"abc\n");
        for (int i = 1; i <= 1_000; i++) {
            body.append('r').append(i).append(",v").append(i).append('\n');
            folded.add(r(3 + i, "r" + i, OPTIONAL, "v" + i));
        }
        return List.of(
                csv("quoted delimiter, line break and doubled quotes", "",
                        "id,name\na,\"x,y\"\nb,\"line1\nline2\"\nc,\"say \"\"hi\"\"\"\nd,\"\"\n",
                        r(2, "a", STORED, "x,y"), r(3, "b", STORED, "line1\nline2"), r(5, "c", STORED, "say \"hi\""),
                        Cases.row(6, "d", STORED, "name", new Faithful("'' or null",
                                n -> n == null || n.isNull() || n.isTextual() && n.textValue().isEmpty()))),
                Cases.imports("csv", "unterminated quote followed by 1000 rows", PEOPLE,
                        Request.importing(CSV, "", utf8(body.toString())), folded),
                csv("unterminated quote on the last line", "", "id,name\na,x\nb,\"abc", r(2, "a", STORED, "x"),
                        Cases.row(3, "b", REFUSED, "name", Faithful.NONE)),
                csv("text after a closing quote", "", "id,name\na,x\nb,\"he\"llo\nz,y\n", r(2, "a", STORED, "x"),
                        r(3, "b", FAITHFUL_OR_REFUSED, "\"he\"llo"), r(4, "z", STORED, "y")),
                csv("quote inside an unquoted field", "", "id,name\na,x\"y\nz,y\n",
                        r(2, "a", FAITHFUL_OR_REFUSED, "x\"y"), r(3, "z", STORED, "y")),
                csv("space before an opening quote", "", "id,name\na, \"x\"\nz,y\n",
                        r(2, "a", FAITHFUL_OR_REFUSED, " \"x\""), r(3, "z", STORED, "y")),
                csv("space after a closing quote", "", "id,name\na,\"x\" \nz,y\n",
                        r(2, "a", FAITHFUL_OR_REFUSED, "\"x\" "), r(3, "z", STORED, "y")),
                csv("quoted key and CRLF inside quotes", "", "id,name\n\"a\",\"x\r\ny\"\nz,y\n",
                        r(2, "a", STORED, "x\r\ny"), r(4, "z", STORED, "y")),
                csv("a field of only a quote character", "", "id,name\na,\"\"\"\"\nz,y\n",
                        r(2, "a", STORED, "\""), r(3, "z", STORED, "y")),
                csv("a key that is the empty string", "", "id,name\n\"\",x\nz,y\n",
                        r(2, "", FAITHFUL_OR_REFUSED, "x"), r(3, "z", STORED, "y")));
    }

    private static List<HostileCase> shapes() {
        return List.of(
                csv("ragged: a row with too few fields", "", "id,name,extra\na,x,1\nb\nz,y,2\n",
                        r(2, "a", STORED, "x"), Cases.row(3, "b", REFUSED, "name", Faithful.NONE), r(4, "z", STORED, "y")),
                csv("ragged: a row with too many fields", "", "id,name\na,x\nb,y,surplus\nz,y\n",
                        r(2, "a", STORED, "x"), Cases.row(3, "b", REFUSED, "name", Faithful.NONE), r(4, "z", STORED, "y")),
                csv("empty lines before, between and after rows", "", "id,name\n\na,x\n\n\nz,y\n\n",
                        r(3, "a", STORED, "x"), r(6, "z", STORED, "y")),
                csv("a byte order mark before the header", "", "\ufeffid,name\na,x\nz,y\n",
                        r(2, "a", STORED, "x"), r(3, "z", STORED, "y")),
                csv("header only", "", "id,name\n"),
                csv("empty file", "", ""),
                csv("a header naming a column twice", "", "id,name,name\na,x,y\n",
                        r(2, "a", FAITHFUL_OR_REFUSED, "x")),
                csv("an empty column name in the header", "", "id,,name\na,q,x\n", r(2, "a", FAITHFUL_OR_REFUSED, "x")),
                csv("NUL bytes in a field and in a key", "", "id,name\na,x\u0000y\nb\u0000c,y\nz,y\n",
                        r(2, "a", FAITHFUL_OR_REFUSED, "x\u0000y"), r(3, "b\u0000c", FAITHFUL_OR_REFUSED, "y"),
                        r(4, "z", STORED, "y")),
                csv("control characters and a raw DEL", "", "id,name\na,\u0001\u0007\u001b\u007f\nz,y\n",
                        r(2, "a", STORED, "\u0001\u0007\u001b\u007f"), r(3, "z", STORED, "y")),
                csv("10000 columns", "", "id,name," + columns(9_998) + "\na,x" + ",1".repeat(9_998) + "\n",
                        r(2, "a", FAITHFUL_OR_REFUSED, "x")));
    }

    private static String columns(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append('c').append(i);
        }
        return b.toString();
    }

    private static List<HostileCase> lineEnds() {
        return List.of(
                csv("CRLF line ends", "", "id,name\r\na,x\r\nz,y\r\n", r(2, "a", STORED, "x"), r(3, "z", STORED, "y")),
                csv("CR-only line ends", "", "id,name\ra,x\rz,y\r",
                        r(2, "a", FAITHFUL_OR_REFUSED, "x"), r(3, "z", FAITHFUL_OR_REFUSED, "y")),
                csv("LF, CRLF and CR mixed", "", "id,name\na,x\r\nb,y\rz,w\n",
                        r(2, "a", STORED, "x"), r(3, "b", FAITHFUL_OR_REFUSED, "y"), r(4, "z", FAITHFUL_OR_REFUSED, "w")),
                csv("no line end after the last row", "", "id,name\na,x\nz,y", r(2, "a", STORED, "x"), r(3, "z", STORED, "y")),
                csv("a lone CR inside an unquoted field", "", "id,name\na,x\ry\nz,y\n",
                        Cases.row(2, "a", FAITHFUL_OR_REFUSED, "name", Faithful.either(Faithful.text("x\ry"),
                                Faithful.text("x"))), r(4, "z", STORED, "y")));
    }

    private static List<HostileCase> dialects() {
        return List.of(
                csv("semicolon delimiter with commas in values", "delimiter=%3B", "id;name\na;x,y\nz;y\n",
                        r(2, "a", STORED, "x,y"), r(3, "z", STORED, "y")),
                csv("tab delimiter", "delimiter=%5Ct", "id\tname\na\tx y\nz\ty\n",
                        r(2, "a", STORED, "x y"), r(3, "z", STORED, "y")),
                csv("pipe delimiter and apostrophe quote", "delimiter=%7C&quote=%27", "id|name\na|'x|y'\nz|\"y\"\n",
                        r(2, "a", STORED, "x|y"), r(3, "z", STORED, "\"y\"")),
                csv("no header, columns given", "header=false&columns=id,name", "a,x\nz,y\n",
                        r(1, "a", STORED, "x"), r(2, "z", STORED, "y")),
                csv("null values", "null_values=NA,-", "id,name\na,NA\nb,-\nz,y\n",
                        Cases.row(2, "a", STORED, "name", Faithful.nullValue()),
                        Cases.row(3, "b", STORED, "name", Faithful.nullValue()), r(4, "z", STORED, "y")),
                refusedOption("delimiter is a line feed", "delimiter=%0A"),
                refusedOption("delimiter is a carriage return", "delimiter=%0D"),
                refusedOption("quote equals the delimiter", "quote=%2C"),
                refusedOption("delimiter is the quote character", "delimiter=%22"),
                refusedOption("delimiter of two characters", "delimiter=ab"),
                refusedOption("empty delimiter", "delimiter="),
                refusedOption("unknown encoding", "encoding=klingon"),
                refusedOption("header is neither true nor false", "header=maybe"),
                refusedOption("header=false without columns", "header=false"));
    }

    private static HostileCase refusedOption(String name, String options) {
        return new HostileCase("csv", "option " + name, PEOPLE, Request.importing(CSV, options, utf8("id,name\na,x\n")),
                Expect.answer(HostileCase.Answer.REFUSED), false);
    }

    private static List<HostileCase> sizes(int large) {
        String big = "y".repeat(large);
        String bigQuoted = ("q,\"\n" + "w".repeat(1_000)).repeat(large / 1_004);
        return List.of(
                csv("a huge field", "", "id,name\na,x\nb," + big + "\nz,y\n",
                        r(2, "a", STORED, "x"), r(3, "b", FAITHFUL_OR_REFUSED, big), r(4, "z", STORED, "y")).asHeavy(),
                csv("a huge quoted field full of delimiters, quotes and line breaks", "",
                        "id,name\na,x\nb,\"" + bigQuoted.replace("\"", "\"\"") + "\"\nz,y\n",
                        r(2, "a", STORED, "x"), r(3, "b", FAITHFUL_OR_REFUSED, bigQuoted),
                        r(4 + bigQuoted.chars().filter(c -> c == '\n').count(), "z", STORED, "y")).asHeavy());
    }
}
