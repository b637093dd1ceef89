package dev.sluice.format;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which cell styles of a workbook show numbers as dates or times, from {@code xl/styles.xml}: each
 * cell format ({@code cellXfs/xf}) names a number format, built in (ids 14 to 22, 27 to 36, 45 to 47,
 * 50 to 58) or written in {@code numFmts} as a format code whose letters say it. Immutable once read.
 */
final class XlsxStyles {
    /** What a style makes of a number. */
    enum Kind { NUMBER, DATE, TIMESTAMP, TIME }

    static final XlsxStyles NONE = new XlsxStyles(new Kind[0]);

    private final Kind[] kinds;

    private XlsxStyles(Kind[] kinds) {
        this.kinds = kinds;
    }

    /** The kind of style index {@code s} (a cell's {@code s} attribute; 0 when absent). */
    Kind kind(int s) {
        return s >= 0 && s < kinds.length ? kinds[s] : Kind.NUMBER;
    }

    /**
     * Reads a styles part, positioned at its start.
     *
     * @throws UnreadableSourceException when the part is not readable XML
     */
    static XlsxStyles read(XMLStreamReader xml, String part) throws UnreadableSourceException {
        try {
            return read(xml);
        } catch (XMLStreamException e) {
            throw XlsxPackage.broken(part, e);
        }
    }

    private static XlsxStyles read(XMLStreamReader xml) throws XMLStreamException {
        Map<Integer, Kind> custom = new HashMap<>();
        List<Kind> kinds = new ArrayList<>();
        boolean inCellXfs = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if (name.equals("numFmt")) {
                    custom.put(integer(xml.getAttributeValue(null, "numFmtId")),
                            ofCode(xml.getAttributeValue(null, "formatCode")));
                } else if (name.equals("cellXfs")) {
                    inCellXfs = true;
                } else if (name.equals("xf") && inCellXfs) {
                    int id = integer(xml.getAttributeValue(null, "numFmtId"));
                    kinds.add(custom.getOrDefault(id, builtIn(id)));
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("cellXfs")) {
                inCellXfs = false;
            }
        }
        return new XlsxStyles(kinds.toArray(new Kind[0]));
    }

    static Kind builtIn(int id) {
        if (id >= 14 && id <= 17 || id >= 27 && id <= 36 || id >= 50 && id <= 58) {
            return Kind.DATE;
        }
        if (id >= 18 && id <= 21 || id >= 45 && id <= 47) {
            return Kind.TIME;
        }
        return id == 22 ? Kind.TIMESTAMP : Kind.NUMBER;
    }

    /**
     * The kind a format code shows, from its first section: quoted text, escaped characters, colours
     * and conditions ({@code [Red]}) and AM/PM markers set aside, {@code y}, {@code d} or a lone
     * {@code m} are a date, {@code h} or {@code s} a time; elapsed time ({@code [h]:mm}) is a number.
     */
    static Kind ofCode(String code) {
        if (code == null) {
            return Kind.NUMBER;
        }
        String c = code.toLowerCase(Locale.ROOT);
        if (c.matches("(?s).*\\[(h+|m+|s+)].*")) {
            return Kind.NUMBER;
        }
        c = c.split(";", 2)[0].replaceAll("\"[^\"]*\"", "").replaceAll("\\\\.", "").replaceAll("\\[[^]]*]", "")
                .replace("am/pm", "").replace("a/p", "");
        boolean time = c.indexOf('h') >= 0 || c.indexOf('s') >= 0;
        boolean date = c.indexOf('y') >= 0 || c.indexOf('d') >= 0 || c.indexOf('m') >= 0 && !time;
        if (date) {
            return time ? Kind.TIMESTAMP : Kind.DATE;
        }
        return time ? Kind.TIME : Kind.NUMBER;
    }

    private static int integer(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
