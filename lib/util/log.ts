/**
 * Structured log lines for operators: one JSON object per line, an event name
 * and plain fields. Never pass tokens, codes or secrets as fields.
 */

/** Fields attached to a log line. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Where log lines go. Inject a recording logger in tests. */
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

function write(level: "info" | "warn" | "error", event: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, event, ...fields, time: new Date().toISOString() });
  if (level === "info") console.info(line);
  else if (level === "warn") console.warn(line);
  else console.error(line);
}

/** Writes JSON lines to the console (stdout for info, stderr otherwise). */
export const consoleLogger: Logger = {
  info: (event, fields) => write("info", event, fields),
  warn: (event, fields) => write("warn", event, fields),
  error: (event, fields) => write("error", event, fields),
};
