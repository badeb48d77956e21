import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { env } from "@/lib/env.mjs";

// Never log credentials, whatever object a caller hands us.
const REDACT = [
  "password",
  "*.password",
  "current_password",
  "*.current_password",
  "new_password",
  "*.new_password",
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  "cookie",
  "*.cookie",
];

function create(): Logger {
  const config = env();
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    base: { service: "mem2gether" },
    redact: { paths: REDACT, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // Readable in development; one JSON object a line everywhere else (log shippers want that).
  if (!config.isProduction && config.LOG_FORMAT !== "json" && process.stdout.isTTY) {
    return pino(options, pretty({ colorize: true, translateTime: "HH:MM:ss.l", ignore: "service" }));
  }
  return pino(options);
}

const g = globalThis as unknown as { __m2gLogger?: Logger };
export const logger: Logger = (g.__m2gLogger ??= create());
