import { defineSearchAttributeKey } from '@temporalio/common';
import { SEARCH_ATTRIBUTES } from '../config/temporal.js';

const [feed, slotStart, rows] = SEARCH_ATTRIBUTES;

/** Typed keys for the attributes the dev server registers (config/temporal.ts). */
export const SA_FEED = defineSearchAttributeKey(feed.name, 'KEYWORD');
export const SA_SLOT_START = defineSearchAttributeKey(slotStart.name, 'DATETIME');
export const SA_ROWS = defineSearchAttributeKey(rows.name, 'INT');
