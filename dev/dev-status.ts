import { temporalUiUrl } from '../config/env.js';
import { maskCredentials } from '../config/mask-credentials.js';
import { readPid, type DevContext } from './dev-state.js';
import { devServices } from './dev-services.js';
import { pingMariaDb } from './ensure-mariadb.js';
import { isProcessAlive } from './processes.js';
import { tcpAnswers } from './probes.js';

export interface DevServiceStatus {
  service: string;
  /** `unresponsive`: the process `dev up` started is alive but its address does not answer */
  state: 'up' | 'down' | 'unresponsive';
  pid: number | null;
  address: string;
  /** `dev up` (it has our pid file), `other` (answers without one), or `-` when down */
  startedBy: 'dev up' | 'other' | '-';
}

/** One row per service, MariaDB and the Web UI included; probes only, never starts or stops anything. */
export async function devStatus(ctx: DevContext): Promise<DevServiceStatus[]> {
  const rows: DevServiceStatus[] = [];
  const db = await pingMariaDb(ctx.env.MYSQL_URL);
  rows.push({ service: 'MariaDB', state: db ? 'up' : 'down', pid: null, address: maskCredentials(ctx.env.MYSQL_URL), startedBy: db ? 'other' : '-' });
  for (const service of devServices(ctx)) {
    const recorded = readPid(ctx, service.name);
    const pid = recorded !== undefined && isProcessAlive(recorded, service.marker) ? recorded : null;
    const answering = service.answers ? await service.answers() : pid !== null;
    const state = answering ? 'up' : pid !== null ? 'unresponsive' : 'down';
    rows.push({ service: service.label, state, pid, address: service.address, startedBy: pid !== null ? 'dev up' : answering ? 'other' : '-' });
    if (service.name === 'temporal') rows.push(await uiRow(ctx, pid !== null));
  }
  return rows;
}

async function uiRow(ctx: DevContext, ours: boolean): Promise<DevServiceStatus> {
  const url = temporalUiUrl(ctx.env);
  const parsed = new URL(url);
  const up = await tcpAnswers(parsed.hostname, Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)));
  return { service: 'Temporal Web UI', state: up ? 'up' : 'down', pid: null, address: url, startedBy: up ? (ours ? 'dev up' : 'other') : '-' };
}

/** The rows as an aligned plain-text table. */
export function formatStatusTable(rows: readonly DevServiceStatus[]): string {
  const header = ['SERVICE', 'STATE', 'PID', 'ADDRESS', 'STARTED BY'];
  const cells = rows.map((r) => [r.service, r.state, r.pid === null ? '-' : String(r.pid), r.address, r.startedBy]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  return [header, ...cells].map((line) => line.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}
