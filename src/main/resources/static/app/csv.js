// CSV as the server reads its tables (Apache Commons CSV, CSVFormat.DEFAULT with a header, empty lines ignored, values
// trimmed): RFC 4180 — fields separated by commas, a field in double quotes may hold commas, line breaks and doubled
// quotes (""), records end at LF or CRLF. A record with another number of fields than the header is refused, naming it.

/** Every record of the text as arrays of strings; lines holding nothing are skipped. */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;   // inside a quoted field
  let wasQuoted = false; // the current field was quoted: only blanks may follow its closing quote
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    record.push(field.trim()); // Commons CSV's trim applies to quoted values too
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '' )) records.push({ line: recordLine, fields: record });
    record = [];
    recordLine = line;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line++; field += c; }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRecord();
    } else if (wasQuoted) {
      if (c.trim() !== '') throw new Error(`line ${line}: text after a closing quote`);
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error(`line ${recordLine}: a quoted field is not closed`);
  if (field !== '' || wasQuoted || record.length) endRecord();
  return records;
}

/** The records after the header as objects keyed by the header's names (values trimmed strings). */
export function csvObjects(text) {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const names = header.fields;
  return rows.map(r => {
    if (r.fields.length !== names.length) {
      throw new Error(`line ${r.line} has ${r.fields.length} fields, the header has ${names.length}`);
    }
    return Object.fromEntries(names.map((name, i) => [name, r.fields[i]]));
  });
}
