/** A Logger that keeps its lines, for tests of code that takes a logger directly. */
import type { LogFields, Logger } from "@/lib/util/log";

/** One line a {@link RecordingLogger} kept. */
export interface RecordedLine {
  readonly level: "info" | "warn" | "error";
  readonly event: string;
  readonly fields: LogFields;
}

/** A Logger whose lines can be read back. */
export interface RecordingLogger extends Logger {
  readonly lines: RecordedLine[];
  /** The fields of every line for `event`. */
  events(event: string): LogFields[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordedLine[] = [];
  const record = (level: RecordedLine["level"]) => (event: string, fields: LogFields = {}) => void lines.push({ level, event, fields });
  return {
    lines,
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
    events: (event) => lines.filter((line) => line.event === event).map((line) => line.fields),
  };
}
