/**
 * An error as a log line can say it. Node gives a connection that failed on every address a host name has
 * (`localhost`: 127.0.0.1 and ::1) as an AggregateError with no message of its own: its errors are said.
 */
export const errorText = (error: unknown): string => {
  if (error instanceof AggregateError && error.errors.length > 0) {
    const each = [...new Set(error.errors.map(errorText))].join("; ");
    return error.message ? `${error.message}: ${each}` : each;
  }
  if (error instanceof Error) {
    const code = "code" in error && typeof error.code === "string" ? error.code : "";
    return error.message || code || error.name;
  }
  return String(error);
};
