import { z } from 'zod';

/** What defines a generated dataset: same options, same rows, byte for byte. */
export const datasetOptionsSchema = z.object({
  /** PRNG seed */
  seed: z.number().int(),
  /** first day's start, an ISO-8601 UTC instant such as `2026-11-24T00:00:00Z` */
  start: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO-8601 instant'),
  /** number of consecutive 24 h days */
  days: z.number().int().min(1),
  /** transactions per day */
  rowsPerDay: z.number().int().min(1),
});

export type DatasetOptions = z.infer<typeof datasetOptionsSchema>;

/** The dataset the demo, the stand-in and the tests use unless told otherwise. */
export const DEFAULT_DATASET: Readonly<DatasetOptions> = Object.freeze({
  seed: 42,
  start: '2026-11-24T00:00:00Z',
  days: 1,
  rowsPerDay: 2400,
});
