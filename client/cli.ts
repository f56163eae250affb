#!/usr/bin/env node
// The `ksql-etl` executable: everything else lives in program.ts, which tests import.
import { main } from './program.js';

process.exitCode = await main(process.argv);
