package dev.sluice.format;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an xlsx workbook says about itself: its sheets in order (name and part), the parts of its
 * shared strings and styles, and whether it counts dates from 1904. Immutable once read.
 */
final class XlsxWorkbook {
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /** The sheets by name, in the workbook's order, to the part that holds each. */
    final Map<String, String> sheets;
    final String sharedStrings;
    final String styles;
    final boolean date1904;

    private XlsxWorkbook(Map<String, String> sheets, String sharedStrings, String styles, boolean date1904) {
        this.sheets = sheets;
        this.sharedStrings = sharedStrings;
        this.styles = styles;
        this.date1904 = date1904;
    }

    /** @throws UnreadableSourceException when the package has no workbook or it cannot be read */
    static XlsxWorkbook read(XlsxPackage pkg) throws IOException {
        String workbook = relations(pkg, "_rels/.rels", "").values().stream()
                .filter(r -> r.type.endsWith("/officeDocument")).map(r -> r.target).findFirst()
                .orElse("xl/workbook.xml");
        String folder = workbook.contains("/") ? workbook.substring(0, workbook.lastIndexOf('/') + 1) : "";
        Map<String, Relation> rels = relations(pkg, folder + "_rels/" + workbook.substring(folder.length()) + ".rels",
                folder);
        XMLStreamReader xml = pkg.xml(workbook);
        if (xml == null) {
            throw new UnreadableSourceException("not an xlsx file: it has no workbook part (" + workbook + ")");
        }
        Map<String, String> sheets = new LinkedHashMap<>();
        boolean date1904 = false;
        try {
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (xml.getLocalName().equals("workbookPr")) {
                    String d = xml.getAttributeValue(null, "date1904");
                    date1904 = "1".equals(d) || "true".equalsIgnoreCase(d);
                } else if (xml.getLocalName().equals("sheet")) {
                    Relation r = rels.get(xml.getAttributeValue(RELATIONSHIPS, "id"));
                    if (r != null && r.type.endsWith("/worksheet")) {
                        sheets.put(xml.getAttributeValue(null, "name"), r.target);
                    }
                }
            }
            xml.close();
        } catch (XMLStreamException e) {
            throw XlsxPackage.broken(workbook, e);
        }
        return new XlsxWorkbook(sheets, part(rels, "/sharedStrings"), part(rels, "/styles"), date1904);
    }

    /**
     * The part of the sheet named {@code name} (by Excel's rule, whatever its case), or of the first
     * sheet when {@code name} is null; null when there is no such sheet.
     */
    String sheet(String name) {
        for (Map.Entry<String, String> sheet : sheets.entrySet()) {
            if (name == null || sheet.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return sheet.getValue();
            }
        }
        return null;
    }

    /** The sheet names as a message lists them: {@code 'People', 'Orders'}. */
    List<String> names() {
        return new ArrayList<>(sheets.keySet());
    }

    private static String part(Map<String, Relation> rels, String typeEnd) {
        return rels.values().stream().filter(r -> r.type.endsWith(typeEnd)).map(r -> r.target).findFirst().orElse(null);
    }

    private record Relation(String type, String target) {
    }

    private static Map<String, Relation> relations(XlsxPackage pkg, String part, String folder) throws IOException {
        Map<String, Relation> rels = new HashMap<>();
        XMLStreamReader xml = pkg.xml(part);
        if (xml == null) {
            return rels;
        }
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")) {
                    String target = xml.getAttributeValue(null, "Target");
                    String type = xml.getAttributeValue(null, "Type");
                    if (target != null && type != null) {
                        rels.put(xml.getAttributeValue(null, "Id"), new Relation(type,
                                target.startsWith("/") ? target.substring(1) : folder + target));
                    }
                }
            }
            xml.close();
        } catch (XMLStreamException e) {
            throw XlsxPackage.broken(part, e);
        }
        return rels;
    }
}
