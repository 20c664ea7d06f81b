// A small RFC 4180 CSV reader for rosters as spreadsheets export them: quoted fields with commas,
// doubled quotes and line breaks inside, CRLF / LF / CR line ends, a UTF-8 byte-order mark, blank
// lines skipped. Each record keeps the line it starts on, for error reports.

export interface TCsvRecord {
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function parseCsv(text: string): TCsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: TCsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let afterQuote = false;
  let fieldStarted = false;
  let lastFieldWasQuoted = false;

  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is one empty unquoted field: skip it.
    if (!(fields.length === 1 && fields[0] === '' && !lastFieldWasQuoted)) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === ',') {
      endField();
      lastFieldWasQuoted = false;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      lastFieldWasQuoted = false;
      line++;
      recordLine = line;
      continue;
    }
    if (afterQuote)
      throw new CsvError(
        line,
        `unexpected ${JSON.stringify(ch)} after a closing quote (double a quote inside a quoted field: "")`,
      );
    if (ch === '"') {
      if (fieldStarted)
        throw new CsvError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
      quoted = true;
      fieldStarted = true;
      lastFieldWasQuoted = true;
      continue;
    }
    field += ch;
    fieldStarted = true;
  }
  if (quoted) throw new CsvError(recordLine, 'a quoted field is never closed');
  if (field !== '' || fields.length > 0 || lastFieldWasQuoted) endRecord();
  return records;
}
