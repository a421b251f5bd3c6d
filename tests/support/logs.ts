/**
 * Captures what the app writes to the console during a test (its JSON log
 * lines, see lib/util/log.ts), so test output stays quiet and tests can assert what
 * an operator would read. Output capture only: nothing the app does changes.
 * Set FLOW_LOGS=1 to also print the lines as they are written.
 */
import { inspect } from "node:util";

/** One line written to the console. */
export interface CapturedLine {
  readonly level: "info" | "warn" | "error";
  readonly text: string;
  /** The line parsed as JSON, when it is one of the app's structured lines. */
  readonly json: Readonly<Record<string, unknown>> | undefined;
}

/** The lines written during the current test. */
export interface LogCapture {
  lines(): readonly CapturedLine[];
  /** Every structured line for `event`, e.g. `link.finished`. */
  events(event: string): Readonly<Record<string, unknown>>[];
  /** Everything written, one line each. */
  text(): string;
}

const LEVELS = ["info", "warn", "error"] as const;

function parse(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Captures console.info/warn/error for each test of the file (call at the top level of a test file). */
export function captureLogs(): LogCapture {
  const captured: CapturedLine[] = [];
  const restore: (() => void)[] = [];
  const passThrough = process.env["FLOW_LOGS"] === "1";

  beforeEach(() => {
    captured.length = 0;
    for (const level of LEVELS) {
      const original = console[level].bind(console);
      const spy = jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        const text = args.map((arg) => (typeof arg === "string" ? arg : inspect(arg))).join(" ");
        captured.push({ level, text, json: parse(text) });
        if (passThrough) original(...args);
      });
      restore.push(() => spy.mockRestore());
    }
  });
  afterEach(() => {
    for (const undo of restore.splice(0)) undo();
  });

  return {
    lines: () => [...captured],
    events: (event) => captured.flatMap((line) => (line.json && line.json["event"] === event ? [line.json] : [])),
    text: () => captured.map((line) => line.text).join("\n"),
  };
}
