// The short chaos run on every `npm test` (issue #7): 4 PCs in their own processes behind fault proxies, ~50 writes
// each, the server SIGKILLed twice; every PC must converge on the server's documents and no write may be lost. On
// PGlite always, and on PostgreSQL when DATABASE_URL is set (as in CI), where half the offline windows are black
// holes: connections that go silent without a reset, as a dropped hotspot leaves them. The seed is random and
// printed; CHAOS_SEED fixes it (`CHAOS_SEED=1234 npx vitest run --project chaos`), `npm run chaos -- --seed 1234` reproduces a run.
import { describe, expect, it } from 'vitest';
import { formatReport, runChaos } from './run';
import type { Backend } from './server';

const seed = process.env.CHAOS_SEED ? Number(process.env.CHAOS_SEED) : Math.floor(Math.random() * 2 ** 31);

async function short(backend: Backend, blackholeShare = 0): Promise<void> {
  // The timeline goes to run.log in the run's folder; the test prints the report.
  const report = await runChaos({ seed, backend, opsPerPc: 50, serverKills: 2, blackholeShare });
  console.log(formatReport(report));
  expect(report.failures, formatReport(report)).toEqual([]);
}

describe('chaos: sync converges and loses no write under faults', () => {
  it('on PGlite', () => short('pglite'));
  it.skipIf(!process.env.DATABASE_URL)('on PostgreSQL, with black holes', () => short('postgres', 0.5));
});
