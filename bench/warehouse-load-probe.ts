import { Lake } from '../lake/index.js';
import { loadSnapshot, type SnapshotLoadInput } from '../warehouse/load-snapshot.js';
import { Warehouse } from '../warehouse/warehouse.js';

/**
 * Run in a child process by the warehouse bench: the project's load of one lake version, alone in
 * its process (as in a worker), so its peak RSS is the load's. Prints seconds, rows and peak RSS.
 */
const [lakeRoot, url, inputJson] = process.argv.slice(2);
const lake = await Lake.open(lakeRoot!);
const warehouse = Warehouse.connect(url!);
const began = performance.now();
let heartbeats = 0;
const result = await loadSnapshot(warehouse, lake, JSON.parse(inputJson!) as SnapshotLoadInput, { progress: () => heartbeats++ });
const seconds = (performance.now() - began) / 1000;
lake.close();
await warehouse.close();
console.log(JSON.stringify({ seconds, rows: result.rows, heartbeats, maxRssKb: process.resourceUsage().maxRSS }));
