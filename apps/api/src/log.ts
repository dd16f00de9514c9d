/**
 * Structured logs: one JSON object per line on stdout. Callers pass facts (ids, counts, durations),
 * never secrets: keys, tokens, cookies and passwords are not logged, and `redact` strips them from
 * anything that might carry one.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = Record<LogLevel, (message: string, fields?: Record<string, unknown>) => void>;

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
// Keys, sessions, account tokens, invitation and password links. Setup links (`tsu_`) are logged on purpose.
const secretPattern = /\b(tsr|tss|tat|tsi|tsp)_[0-9A-Za-z_]+/g;

export function redact(text: string): string {
  return text.replace(secretPattern, "$1_[redacted]");
}

export function createLogger(
  level: LogLevel = "info",
  write: (line: string) => void = (l) => process.stdout.write(l),
): Logger {
  const emit =
    (lvl: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (order[lvl] < order[level]) return;
      const line = JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: message, ...fields });
      write(`${redact(line)}\n`);
    };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/** A logger that keeps nothing, for tests that do not look at logs. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
