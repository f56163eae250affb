/** What a scheduled stream run needs to know to find its window (from the feed file, via the schedule's args). */
export interface ScheduledWindowSpec {
  /** the feed's slot */
  slotMs: number;
  /** how long after its end a window is exported, for late events */
  delayMs: number;
  /** how long one run's window is: the schedule's interval, or one slot for a cron schedule */
  windowMs: number;
}

/**
 * The window a run scheduled at `scheduledMs` exports: `windowMs` long, ending at the last slot
 * boundary at or before `scheduledMs - delayMs`. A function of the *scheduled* time only, never of
 * the clock, so a run that starts late or is caught up after an outage exports the same window.
 * Slots are counted in UTC from the epoch, so daylight saving never moves a boundary.
 */
export function scheduledWindow(scheduledMs: number, spec: ScheduledWindowSpec): { start: string; end: string } {
  const endMs = Math.floor((scheduledMs - spec.delayMs) / spec.slotMs) * spec.slotMs;
  return { start: new Date(endMs - spec.windowMs).toISOString(), end: new Date(endMs).toISOString() };
}
