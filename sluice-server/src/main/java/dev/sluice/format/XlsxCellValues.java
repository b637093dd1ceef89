package dev.sluice.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Turns an xlsx cell's stored text into the text Sluice converts: a serial number in a date-styled
 * cell into an ISO date, timestamp or time (docs/concepts.md, "Excel files"), any other number into
 * its shortest decimal form. Stateless and thread-safe.
 */
final class XlsxCellValues {
    /** Excel shows 15 significant digits; a stored 0.10000000000000001 is the 0.1 a person typed. */
    private static final MathContext SHOWN = new MathContext(15);
    private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 31);
    private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);
    /** 0001-01-01: serials below 0 count back from 1899-12-30, as LibreOffice and openpyxl write them. */
    private static final BigDecimal FIRST_SERIAL = BigDecimal.valueOf(-693_593);
    /** The day after 9999-12-31, Excel's last. */
    private static final BigDecimal LAST_SERIAL = BigDecimal.valueOf(2_958_466);
    private static final int MAX_DIGITS = 400;
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** Excel's day 60 in the 1900 system: February 29th, 1900, which never was. */
    private static final long PHANTOM_LEAP_DAY = 60;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter TIME_MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private XlsxCellValues() {
    }

    /** Thrown for a stored value that has no faithful text: the cell fails, never the file. */
    static final class BadCell extends Exception {
        BadCell(String message) {
            super(message, null, false, false);
        }
    }

    /** A stored number as the shortest decimal that reads back as the same double; plain, never with an exponent. */
    static String number(String stored) throws BadCell {
        BigDecimal exact = decimal(stored);
        BigDecimal shown = exact.round(SHOWN);
        BigDecimal chosen = shown.doubleValue() == exact.doubleValue() ? shown : exact;
        chosen = chosen.stripTrailingZeros();
        return chosen.scale() < 0 ? chosen.setScale(0).toPlainString() : chosen.toPlainString();
    }

    /** The serial number of a date-styled cell as {@code kind} says: {@code 2024-01-05}, {@code 2024-01-05T10:30:00}, {@code 10:30:00}. */
    static String dateTime(String stored, XlsxStyles.Kind kind, boolean date1904) throws BadCell {
        BigDecimal serial = decimal(stored);
        if (serial.compareTo(FIRST_SERIAL) < 0 || serial.compareTo(LAST_SERIAL) >= 0) {
            throw new BadCell("holds " + stored + " in a date format, outside 0001-01-01 to 9999-12-31");
        }
        long millis = serial.multiply(BigDecimal.valueOf(MILLIS_PER_DAY)).setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
        long days = Math.floorDiv(millis, MILLIS_PER_DAY);
        LocalTime time = LocalTime.ofNanoOfDay(Math.floorMod(millis, MILLIS_PER_DAY) * 1_000_000L);
        String clock = (time.getNano() == 0 ? TIME : TIME_MILLIS).format(time);
        if (kind == XlsxStyles.Kind.TIME) {
            return clock;
        }
        LocalDate day = day(days, date1904, stored);
        if (kind == XlsxStyles.Kind.DATE && time.equals(LocalTime.MIDNIGHT)) {
            return day.toString();
        }
        // a date format over a serial with a time of day keeps the time: hiding it would lose data
        return day + "T" + clock;
    }

    private static LocalDate day(long days, boolean date1904, String stored) throws BadCell {
        if (date1904) {
            return EPOCH_1904.plusDays(days);
        }
        if (days == PHANTOM_LEAP_DAY) {
            throw new BadCell("holds " + stored + ", Excel's 1900-02-29, a day that does not exist");
        }
        // Excel counts 1900 as a leap year: every serial past its phantom February 29th is one day ahead;
        // a serial below 0 (not Excel's, but LibreOffice's and openpyxl's) counts back from 1899-12-30
        return EPOCH_1900.plusDays(days > PHANTOM_LEAP_DAY || days < 0 ? days - 1 : days);
    }

    private static BigDecimal decimal(String stored) throws BadCell {
        BigDecimal value;
        try {
            value = new BigDecimal(stored.trim());
        } catch (NumberFormatException e) {
            throw new BadCell("holds '" + stored + "' as a number, which is not one");
        }
        // past a double's range no spreadsheet wrote it; its plain text could be a billion digits
        if (value.signum() != 0 && Math.abs((long) value.precision() - value.scale()) > MAX_DIGITS) {
            throw new BadCell("holds " + stored + ", a number past the range of a spreadsheet's numbers");
        }
        return value;
    }
}
