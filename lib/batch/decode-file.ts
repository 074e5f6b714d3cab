/** The encodings a CSV file is read in, by the names people know them by. */
export const CSV_ENCODINGS = { "utf-8": "UTF-8", "utf-16le": "UTF-16", "utf-16be": "UTF-16", gb18030: "GB18030", "windows-1252": "Windows-1252" } as const;
export type CsvEncoding = keyof typeof CSV_ENCODINGS;

/**
 * A CSV file's text, and the encoding it was read in. Spreadsheets save CSV as UTF-8 (with or without a
 * byte-order mark), as UTF-16 with its mark ("Unicode text"), or in the system's own code page: a Chinese
 * Excel's "CSV (逗号分隔)" as GB18030, a Western one's "CSV (Comma delimited)" as Windows-1252. Read as UTF-8,
 * either would turn its text into replacement characters, which pass every rule and would be sent and billed
 * as they are; read as the other, into other letters. Bytes that are not UTF-8 are read as whichever of the two
 * they look like (the form says which, under the file).
 */
export const decodeCsvFile = (bytes: Uint8Array): { text: string; encoding: CsvEncoding } => {
  const read = (encoding: CsvEncoding, fatal = false) => ({ text: new TextDecoder(encoding, { fatal }).decode(bytes), encoding });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return read("utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return read("utf-16be");
  try {
    return read("utf-8", true);
  } catch {
    return read(looksChinese(bytes) ? "gb18030" : "windows-1252");
  }
};

/**
 * Whether bytes past ASCII read as common Chinese characters in GB18030 rather than as a Western file's
 * accented letters. GB2312's punctuation and most used characters (the 3,755 of its first level) are a lead
 * byte A1 to D7 and a trail byte A1 to FE; a Western file's accented letters stand alone between ASCII ones
 * ("Crème" is 43 72 E8 6D 65), or in pairs of lower-case letters E0 to FF ("ção" is E7 E3), which read as
 * rare characters of its second level if at all.
 */
const looksChinese = (bytes: Uint8Array): boolean => {
  let chinese = 0;
  let western = 0;
  for (let at = 0; at < bytes.length; ) {
    const lead = bytes[at] ?? 0;
    const trail = bytes[at + 1] ?? 0;
    if (lead < 0x80) at += 1;
    else if (lead >= 0xa1 && lead <= 0xd7 && trail >= 0xa1 && trail <= 0xfe) {
      chinese += 1;
      at += 2;
    } else {
      western += 1;
      at += trail >= 0x80 ? 2 : 1;
    }
  }
  return chinese > western;
};
