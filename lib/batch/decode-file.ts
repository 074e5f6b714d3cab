/**
 * A CSV file's text. Spreadsheets save CSV as UTF-8 (with or without a byte-order mark) or, in a Chinese
 * Excel's default "CSV (逗号分隔)", as GB18030: read as UTF-8 that would turn every Chinese prompt into
 * replacement characters, which pass every rule and would be sent and billed as they are. Bytes that are not
 * valid UTF-8 are read as GB18030, the superset of GBK and GB2312.
 */
export const decodeCsvFile = (bytes: Uint8Array): string => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
};
