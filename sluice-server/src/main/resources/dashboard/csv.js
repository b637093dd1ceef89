// A CSV reader fed by pieces of text (a stream or a file's first bytes), for the failed-rows table and
// the import preview: quoted fields, doubled quotes, line breaks inside quotes, CRLF.

/** Reads rows as text arrives; push() answers false once onRow asked to stop (by answering false). */
export class CsvReader {
  constructor(delimiter = ',', quote = '"') {
    this.delimiter = delimiter;
    this.quote = quote;
    this.row = [];
    this.field = '';
    this.quoted = false;
    this.closedQuote = false;
    this.stopped = false;
  }

  push(text, onRow) {
    for (let i = 0; i < text.length && !this.stopped; i++) {
      const c = text[i];
      if (this.quoted) {
        if (c === this.quote) { this.quoted = false; this.closedQuote = true; } else this.field += c;
        continue;
      }
      if (c === this.quote) {
        if (this.closedQuote) { this.field += c; this.quoted = true; this.closedQuote = false; continue; }
        if (this.field === '') { this.quoted = true; continue; }
      }
      this.closedQuote = false;
      if (c === this.delimiter) { this.row.push(this.field); this.field = ''; }
      else if (c === '\n') this.emit(onRow);
      else if (c !== '\r') this.field += c;
    }
    return !this.stopped;
  }

  /** The last row, when the text did not end with a line break. */
  end(onRow) {
    if (!this.stopped && (this.field !== '' || this.row.length)) this.emit(onRow);
  }

  emit(onRow) {
    this.row.push(this.field);
    const row = this.row;
    this.row = [];
    this.field = '';
    if (onRow(row) === false) this.stopped = true;
  }
}
