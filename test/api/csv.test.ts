// The roster CSV reader: what spreadsheets actually export.
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from '../../functions/roster/csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads plain rows with LF, CRLF and CR line ends, and a final line without a newline', () => {
    expect(fields('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\r\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(fields('a,b\r1,2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, keeping each record’s first line', () => {
    const records = parseCsv('name,note\r\n"Sanchez, Carlos","said ""hi"""\r\n"Two\r\nlines",x\r\nlast,""\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['name', 'note'],
      ['Sanchez, Carlos', 'said "hi"'],
      ['Two\r\nlines', 'x'],
      ['last', ''],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('strips a UTF-8 byte-order mark, keeps empty fields and skips blank lines', () => {
    expect(fields('\uFEFFa,b,c\n\n1,,3\n\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
    ]);
  });

  it('keeps non-ASCII names intact', () => {
    expect(fields('name\nJosé Núñez\n')).toEqual([['name'], ['José Núñez']]);
  });

  it('rejects an unclosed quote, text after a closing quote and a stray quote, naming the line', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(CsvError);
    expect(() => parseCsv('a\n"open\n')).toThrow(/line 2: a quoted field is never closed/);
    expect(() => parseCsv('a,b\n"x"y,2\n')).toThrow(/line 2: unexpected "y" after a closing quote/);
    expect(() => parseCsv('a,b\n1,x"y\n')).toThrow(/line 2: a quote inside an unquoted field/);
  });
});
