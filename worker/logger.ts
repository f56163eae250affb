import { pino, type Logger as PinoLogger } from 'pino';
import type { LogLevel, LogMetadata, Logger } from '@temporalio/worker';

/** One JSON-lines logger for the worker process; the Temporal SDK logs through it too. */
export function createLogger(level: string): PinoLogger {
  return pino({ level, base: { service: 'ksql-etl-worker' } });
}

/** Adapts pino to the SDK's Logger interface. */
export function temporalLogger(logger: PinoLogger): Logger {
  const at = (level: LogLevel) => (message: string, meta?: LogMetadata) => log(level, message, meta);
  function log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const method = level === 'TRACE' ? 'trace' : level === 'DEBUG' ? 'debug' : level === 'INFO' ? 'info' : level === 'WARN' ? 'warn' : 'error';
    logger[method](meta ?? {}, message);
  }
  return { log, trace: at('TRACE'), debug: at('DEBUG'), info: at('INFO'), warn: at('WARN'), error: at('ERROR') };
}
