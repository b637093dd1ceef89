package dev.sluice.collection;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The normalized form of a source column's name, shared by schema inference (which names fields
 * with it) and column mapping (which matches columns to fields by it): {@code Customer ID},
 * {@code customer-id} and {@code CUSTOMER_ID} all become {@code customer_id}.
 *
 * <p>Stateless and thread-safe.
 */
public final class FieldNames {
    private FieldNames() {
    }

    /**
     * Unicode compatibility-folded (NFKD; {@code ß}, {@code æ}, {@code ø} and a few other letters
     * spelled out), accents removed, lower case, every run of characters other
     * than {@code a-z} and {@code 0-9} turned into one {@code _}, and {@code _} trimmed from both ends:
     * {@code "Prénom du Client"} becomes {@code "prenom_du_client"}. The result may be empty (for
     * {@code "###"}) or start with a digit; it is not checked against {@link CollectionSchema#NAME}.
     *
     * @throws NullPointerException when {@code source} is null
     */
    public static String normalize(String source) {
        String folded = Normalizer.normalize(foldLetters(source), Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        boolean gap = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && out.length() > 0) {
                    out.append('_');
                }
                out.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return out.toString();
    }

    /** Letters that NFKD leaves whole but that readers write with plain letters ({@code Straße} as {@code strasse}). */
    private static String foldLetters(String s) {
        return s.replace("ß", "ss").replace("ẞ", "SS").replace("æ", "ae").replace("Æ", "AE").replace("œ", "oe")
                .replace("Œ", "OE").replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
                .replace("đ", "d").replace("Đ", "D").replace("þ", "th").replace("Þ", "TH");
    }
}
