// `npm test`: formatting (Prettier), lint (with the layering rules), type-check every runtime, build the renderer,
// then run every vitest project (unit, integration, browser e2e, electron e2e).
// The vitest summary reporter prints the closing "tests: N passed, N failed, N skipped" line.
import { spawnSync } from 'node:child_process';

const steps = [
  ['format', ['run', 'format:check']],
  ['lint', ['run', 'lint']],
  ['type-check', ['run', 'typecheck']],
  ['renderer build', ['run', 'build:renderer']],
];

for (const [name, args] of steps) {
  console.log(`\n== ${name} ==`);
  const result = spawnSync('npm', args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${name} failed`);
    console.log(`\ntests: 0 passed, 1 failed, 0 skipped`);
    process.exit(1);
  }
}

console.log('\n== tests ==');
const extra = process.argv.slice(2);
const vitest = spawnSync('npx', ['vitest', 'run', ...extra], { stdio: 'inherit' });
process.exit(vitest.status ?? 1);
