package dev.sluice.client;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * The half of {@link ImportRequest.Builder} that says how the data is read: its format and file
 * name, the CSV dialect, the sheet, the column mapping and the local formats of values. The other
 * half holds what the job does with the rows. Package-private: its public methods are the builder's,
 * documented and called through it; sealed to {@link ImportRequest.Builder}, which it returns.
 */
abstract sealed class DataOptionsBuilder permits ImportRequest.Builder {
    ImportRequest.Format format;
    String fileName;
    Character delimiter;
    Character quote;
    Boolean header;
    List<String> columns;
    List<String> nullValues;
    Charset encoding;
    Boolean strict;
    ValueOptions values = ValueOptions.NONE;
    String sheet;

    DataOptionsBuilder() {
    }

    private ImportRequest.Builder self() {
        return (ImportRequest.Builder) this;
    }

    public ImportRequest.Builder format(ImportRequest.Format format) {
        this.format = format;
        return self();
    }

    public ImportRequest.Builder fileName(String fileName) {
        this.fileName = fileName;
        return self();
    }

    public ImportRequest.Builder delimiter(Character delimiter) {
        this.delimiter = delimiter;
        return self();
    }

    public ImportRequest.Builder quote(Character quote) {
        this.quote = quote;
        return self();
    }

    public ImportRequest.Builder header(Boolean header) {
        this.header = header;
        return self();
    }

    /** @throws IllegalArgumentException when a name contains a comma (the query form joins them with commas) */
    public ImportRequest.Builder columns(List<String> columns) {
        this.columns = OptionChecks.noCommas("columns", columns);
        return self();
    }

    /** @throws IllegalArgumentException when a value contains a comma (the query form joins them with commas) */
    public ImportRequest.Builder nullValues(List<String> nullValues) {
        this.nullValues = OptionChecks.noCommas("nullValues", nullValues);
        return self();
    }

    public ImportRequest.Builder encoding(Charset encoding) {
        this.encoding = encoding;
        return self();
    }

    public ImportRequest.Builder strict(Boolean strict) {
        this.strict = strict;
        return self();
    }

    /**
     * Source column (or dotted JSON path such as {@code address.city}) to field name, or to null to
     * ignore the column; columns it does not name match a field of the same or the same normalized name.
     */
    public ImportRequest.Builder mapping(Map<String, String> mapping) {
        return values(mapping, values.formats(), values.decimalSeparator(), values.thousandsSeparator(),
                values.trueValues(), values.falseValues(), values.trim());
    }

    /** Field name to date or timestamp pattern, e.g. {@code joined -> dd.MM.yyyy}, for this import. */
    public ImportRequest.Builder formats(Map<String, String> formats) {
        return values(values.mapping(), formats, values.decimalSeparator(), values.thousandsSeparator(),
                values.trueValues(), values.falseValues(), values.trim());
    }

    /** {@code .} or {@code ,}: the decimal separator of integer, number and decimal fields. */
    public ImportRequest.Builder decimalSeparator(String separator) {
        return values(values.mapping(), values.formats(), separator, values.thousandsSeparator(),
                values.trueValues(), values.falseValues(), values.trim());
    }

    /** {@code ,}, {@code .}, a space, {@code '} or {@code none}: the thousands separator of numbers. */
    public ImportRequest.Builder thousandsSeparator(String separator) {
        return values(values.mapping(), values.formats(), values.decimalSeparator(), separator,
                values.trueValues(), values.falseValues(), values.trim());
    }

    /** @throws IllegalArgumentException when a word contains a comma (the query form joins them with commas) */
    public ImportRequest.Builder trueValues(List<String> words) {
        return values(values.mapping(), values.formats(), values.decimalSeparator(), values.thousandsSeparator(),
                OptionChecks.noCommas("trueValues", words), values.falseValues(), values.trim());
    }

    /** @throws IllegalArgumentException when a word contains a comma (the query form joins them with commas) */
    public ImportRequest.Builder falseValues(List<String> words) {
        return values(values.mapping(), values.formats(), values.decimalSeparator(), values.thousandsSeparator(),
                values.trueValues(), OptionChecks.noCommas("falseValues", words), values.trim());
    }

    /** True: string values lose their leading and trailing blanks too. */
    public ImportRequest.Builder trim(Boolean trim) {
        return values(values.mapping(), values.formats(), values.decimalSeparator(), values.thousandsSeparator(),
                values.trueValues(), values.falseValues(), trim);
    }

    private ImportRequest.Builder values(Map<String, String> mapping, Map<String, String> formats, String decimal,
                           String thousands, List<String> trueWords, List<String> falseWords, Boolean trim) {
        this.values = new ValueOptions(mapping, formats, decimal, thousands, trueWords, falseWords, trim);
        return self();
    }

    /**
     * For {@link ImportRequest.Format#XLSX}: the sheet to read, by name (case aside); the first when not set.
     *
     * @throws IllegalArgumentException when empty
     */
    public ImportRequest.Builder sheet(String sheet) {
        this.sheet = OptionChecks.notEmpty("sheet", sheet);
        return self();
    }
}
