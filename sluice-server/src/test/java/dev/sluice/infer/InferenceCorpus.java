package dev.sluice.infer;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Messy files shaped like real exports, each with the definition a careful person would write for
 * it: {@code fields} as {@code name:type[:format]} separated by spaces, and the dialect as
 * {@code delimiter quote header encoding decimal_separator}. {@link #main} writes the files and an
 * expectations file into a directory (for bench/sniff-compare).
 */
public final class InferenceCorpus {
    static final Charset CP1252 = Charset.forName("windows-1252");

    /** One file and what inference should make of it; {@code dialect} is null for JSON. */
    public record Case(String file, Charset charset, boolean bom, String text, String fields, String key, Dialect dialect) {
        public byte[] bytes() {
            byte[] body = text.getBytes(charset);
            if (!bom) {
                return body;
            }
            byte[] mark = charset.equals(StandardCharsets.UTF_8) ? new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
                    : charset.equals(StandardCharsets.UTF_16LE) ? new byte[]{(byte) 0xFF, (byte) 0xFE}
                    : new byte[]{(byte) 0xFE, (byte) 0xFF};
            byte[] all = new byte[mark.length + body.length];
            System.arraycopy(mark, 0, all, 0, mark.length);
            System.arraycopy(body, 0, all, mark.length, body.length);
            return all;
        }

        Path writeTo(Path dir) throws IOException {
            return Files.write(dir.resolve(file), bytes());
        }
    }

    /** The expected dialect; {@code decimal} is the decimal separator. */
    public record Dialect(String delimiter, String quote, boolean header, String encoding, String decimal) {
    }

    static Dialect csv(String delimiter, boolean header, String encoding, String decimal) {
        return new Dialect(delimiter, "\"", header, encoding, decimal);
    }

    private static String rows(String header, int n, IntFunction<String> row) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (int i = 1; i <= n; i++) {
            b.append(row.apply(i)).append('\n');
        }
        return b.toString();
    }

    public static List<Case> all() {
        List<Case> c = new ArrayList<>();
        Charset utf8 = StandardCharsets.UTF_8;
        c.add(new Case("spreadsheet_de.csv", utf8, false,
                rows("Kunden-Nr;Name;Betrag;Datum", 40, i -> (1000 + i) + ";Kunde " + i + ";" + (i * 7) + "," + (i % 10) + "5;"
                        + String.format("%02d.%02d.2024", 1 + i % 28, 1 + i % 12)),
                "kunden_nr:integer name:string betrag:number datum:date:dd.MM.yyyy", "kunden_nr", csv(";", true, "UTF-8", ",")));
        c.add(new Case("unicode_text_export.txt", StandardCharsets.UTF_16LE, true,
                rows("Artikel\tMenge\tPreis\tLieferdatum", 30, i -> "Artikel " + i + "\t" + i + "\t" + i + ",99\t"
                        + String.format("%02d.%02d.2023", 1 + i % 28, 1 + i % 12)).replace("\n", "\r\n"),
                "artikel:string menge:integer preis:number lieferdatum:date:dd.MM.yyyy", "", csv("\t", true, "UTF-16LE", ",")));
        c.add(new Case("accented_1252.csv", CP1252, false,
                "Nom,Prénom,Ville\nDupré,Hélène,Besançon\nMüller,Jürgen,Köln\nNuñez,José,Málaga\nØstergård,Søren,Århus\n",
                "nom:string prenom:string ville:string", "", csv(",", true, "windows-1252", ".")));
        c.add(new Case("us_dates.csv", utf8, false,
                rows("order_id,ordered,amount", 30, i -> i + "," + String.format("%02d/%02d/2024", 1 + i % 12, 1 + i % 28) + "," + i + ".25"),
                "order_id:integer ordered:date:MM/dd/yyyy amount:number", "order_id", csv(",", true, "UTF-8", ".")));
        c.add(new Case("day_first_slash.csv", utf8, false,
                rows("id,birthday", 30, i -> i + "," + String.format("%02d/%02d/1990", 1 + i % 28, 1 + i % 12)),
                "id:integer birthday:date:dd/MM/yyyy", "id", csv(",", true, "UTF-8", ".")));
        c.add(new Case("dotted_dates.csv", utf8, false,
                "id,valid_from,valid_to\n1,01.01.2024,31.12.2024\n2,15.03.2024,14.03.2025\n3,1.2.2024,1.2.2025\n",
                "id:integer valid_from:date:d.M.yyyy valid_to:date:d.M.yyyy", "id", csv(",", true, "UTF-8", ".")));
        c.add(new Case("postcodes.csv", utf8, false,
                "id,name,zip,account\n1,Ann,07891,00012345\n2,Bob,10115,12345678\n3,Cy,02134,00000042\n",
                "id:integer name:string zip:string account:string", "id", csv(",", true, "UTF-8", ".")));
        c.add(new Case("yes_no.csv", utf8, false,
                "email,subscribed,vip\na@x.org,yes,No\nb@x.org,no,YES\nc@x.org,Yes,no\n",
                "email:string subscribed:boolean vip:boolean", "email", csv(",", true, "UTF-8", ".")));
        c.add(new Case("multiline_notes.csv", utf8, false,
                "ticket,opened,notes\n1,2024-02-01,\"first line\nsecond line, with comma\"\n2,2024-02-02,\"said \"\"hi\"\"\"\n"
                        + "3,2024-02-03,\"a\n\nb\"\n4,2024-02-04,plain\n",
                "ticket:integer opened:date:yyyy-MM-dd notes:string", "ticket", csv(",", true, "UTF-8", ".")));
        c.add(new Case("ragged.csv", utf8, false,
                "sku,qty,price,comment\nA1,1,2.5,ok\nA2,2,3.5\nA3,3,4.5,fine,extra\nA4,4,5.5,ok\nA5,5,6.5,ok\n",
                "sku:string qty:integer price:number comment:string", "sku", csv(",", true, "UTF-8", ".")));
        c.add(new Case("duplicate_headers.csv", utf8, false,
                "Name,Name,Email,Email\nAnn,Lee,a@x.org,ann@y.org\nBob,Ray,b@x.org,bob@y.org\n",
                "name:string name_2:string email:string email_2:string", "email", csv(",", true, "UTF-8", ".")));
        c.add(new Case("empty_columns.csv", utf8, false,
                "id,,middle_name,score\n1,,,10\n2,,,20\n3,,,30\n",
                "id:integer column_2:string middle_name:string score:integer", "id", csv(",", true, "UTF-8", ".")));
        c.add(new Case("nested.jsonl", utf8, false,
                "{\"id\":1,\"name\":\"Ann\",\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"},\"tags\":[\"a\"],\"score\":1.5}\n"
                        + "{\"id\":2,\"name\":\"Bob\",\"address\":{\"city\":\"Rome\"},\"tags\":[],\"score\":2}\n",
                "id:integer name:string address:json tags:json score:number", "id", null));
        c.add(new Case("pipes.dat", utf8, false,
                rows("code|label|weight", 20, i -> "C" + i + "|Label " + i + "|" + i + ".5"),
                "code:string label:string weight:number", "code", csv("|", true, "UTF-8", ".")));
        c.add(new Case("thousands_de.csv", utf8, false,
                "Konto;Umsatz\n4711;1.234,50\n4712;-12,00\n4713;1.000.000,01\n",
                "konto:integer umsatz:number", "konto", new Dialect(";", "\"", true, "UTF-8", ",")));
        c.add(new Case("big_integers.csv", utf8, false,
                "id,serial\n1,123456789012345678901234\n2,5\n",
                "id:integer serial:decimal", "id", csv(",", true, "UTF-8", ".")));
        c.add(new Case("uuids.csv", utf8, false,
                "uuid,label\n123e4567-e89b-12d3-a456-426614174000,a\n123e4567-e89b-12d3-a456-426614174001,b\n",
                "uuid:uuid label:string", "uuid", csv(",", true, "UTF-8", ".")));
        c.add(new Case("iso_timestamps.csv", utf8, false,
                "event_id,at\n1,2024-01-02T10:00:00Z\n2,2024-01-02T11:30:15+02:00\n3,2024-01-03 08:00:00\n",
                "event_id:integer at:timestamp", "event_id", csv(",", true, "UTF-8", ".")));
        c.add(new Case("timestamps_de.csv", utf8, false,
                "Buchung;Zeit\n1;31.12.2024 23:59\n2;01.01.2025 00:01\n",
                "buchung:integer zeit:timestamp:dd.MM.yyyy HH:mm", "buchung", csv(";", true, "UTF-8", ".")));
        c.add(new Case("no_header.csv", utf8, false,
                "1,Ann,2024-01-01\n2,Bob,2024-01-02\n3,Cy,2024-01-03\n",
                "column_1:integer column_2:string column_3:date:yyyy-MM-dd", "column_1", csv(",", false, "UTF-8", ".")));
        c.add(new Case("single_quotes.csv", utf8, false,
                "id,city,note\n1,'Paris, FR','x'\n2,'Bonn, DE','y'\n3,'Rome, IT','z'\n",
                "id:integer city:string note:string", "id", new Dialect(",", "'", true, "UTF-8", ".")));
        c.add(new Case("utf8_bom.csv", utf8, true,
                "Straße,Größe\nHauptstraße,12\nLindenallee,7\n",
                "strasse:string grosse:integer", "", csv(",", true, "UTF-8", ".")));
        c.add(new Case("mixed.csv", utf8, false,
                "id,value,when\n1,10,2024-01-01\n2,n/a,soon\n3,12.5,2024-01-03\n",
                "id:integer value:string when:string", "id", csv(",", true, "UTF-8", ".")));
        c.add(new Case("crlf.csv", utf8, false,
                "id,name,active\r\n1,Ann,true\r\n2,Bob,false\r\n",
                "id:integer name:string active:boolean", "id", csv(",", true, "UTF-8", ".")));
        c.add(new Case("utf16be.tsv", StandardCharsets.UTF_16BE, true,
                "id\tname\n1\tÅsa\n2\tÉmile\n",
                "id:integer name:string", "id", csv("\t", true, "UTF-16BE", ".")));
        c.add(new Case("json_cells.csv", utf8, false,
                "id,attrs\n1,\"{\"\"color\"\":\"\"red\"\"}\"\n2,\"[1,2]\"\n",
                "id:integer attrs:json", "id", csv(",", true, "UTF-8", ".")));
        c.add(new Case("array.json", utf8, false,
                "[{\"sku\":\"A-1\",\"in_stock\":true,\"price\":9.99},{\"sku\":\"A-2\",\"in_stock\":false,\"price\":12}]",
                "sku:string in_stock:boolean price:number", "sku", null));
        c.add(new Case("sparse.jsonl", utf8, false,
                "{\"id\":\"u1\",\"joined\":\"2024-05-01\",\"zip\":\"02134\"}\n{\"id\":\"u2\",\"joined\":null}\n{\"id\":\"u3\",\"zip\":\"10115\"}\n",
                "id:string joined:date:yyyy-MM-dd zip:string", "id", null));
        c.add(new Case("crm_export.csv", utf8, false,
                "\"Customer ID\",\"E-Mail Address\",\"Créé le\",\"Opt-In?\"\n\"C-001\",\"a@x.org\",\"2024-01-05\",\"Y\"\n"
                        + "\"C-002\",\"b@x.org\",\"2024-02-05\",\"N\"\n",
                "customer_id:string e_mail_address:string cree_le:date:yyyy-MM-dd opt_in:boolean", "customer_id",
                csv(",", true, "UTF-8", ".")));
        c.add(new Case("phones.csv", utf8, false,
                "name;phone;mobile\nAnn;+49 30 1234567;0049 170 1234\nBob;030 998877;0171 555\n",
                "name:string phone:string mobile:string", "", csv(";", true, "UTF-8", ".")));
        c.add(new Case("negative_comma.csv", utf8, false,
                "Messpunkt;Temperatur;Anzahl\nA;-3,5;12\nB;0,25;7\nC;12,0;0\n",
                "messpunkt:string temperatur:number anzahl:integer", "", csv(";", true, "UTF-8", ",")));
        c.add(new Case("true_false.tsv", utf8, false,
                "id\tflag\tratio\n1\tTRUE\t0.5\n2\tFALSE\t1\n",
                "id:integer flag:boolean ratio:number", "id", csv("\t", true, "UTF-8", ".")));
        c.add(new Case("legacy_1252_semicolon.csv", CP1252, false,
                "Kunde;Straße;PLZ;Umsatz\nMüller;Bahnhofstraße 3;01067;1.299,00\nGroß;Ölweg 9;80331;12,50\n",
                "kunde:string strasse:string plz:string umsatz:number", "", csv(";", true, "windows-1252", ",")));
        return c;
    }

    /** Writes every file of the corpus, and {@code expected.tsv} (file, delimiter, quote, header, encoding), into a directory. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/inference-corpus"));
        StringBuilder expected = new StringBuilder("file\tdelimiter\tquote\theader\tencoding\n");
        for (Case c : all()) {
            c.writeTo(dir);
            if (c.dialect() != null) {
                expected.append(c.file()).append('\t').append(c.dialect().delimiter().equals("\t") ? "\\t" : c.dialect().delimiter())
                        .append('\t').append(c.dialect().quote()).append('\t').append(c.dialect().header())
                        .append('\t').append(c.dialect().encoding()).append('\n');
            }
        }
        Files.writeString(dir.resolve("expected.tsv"), expected);
        System.out.println(dir.toAbsolutePath());
    }
}
