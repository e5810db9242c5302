// node --import tsx bench/src/profile-summary.ts <file.cpuprofile> [--under=<functionName>…]
//
// Prints where a CPU profile's time went (see profile.ts). Works on the harness's profiles
// (`npm run bench -- <name> --profile`) and on files from `node --cpu-prof`.
import { readFileSync } from 'node:fs';
import { breakdownUnder, type CpuProfile, formatProfileSummary, summariseProfile } from './profile';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: profile-summary <file.cpuprofile> [--under=<functionName>…] [--top=N]');
  process.exit(2);
}
const top = Number(args.find((a) => a.startsWith('--top='))?.slice('--top='.length) ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
console.log(formatProfileSummary(summariseProfile(profile, top)));
for (const arg of args.filter((a) => a.startsWith('--under='))) {
  const name = arg.slice('--under='.length);
  const b = breakdownUnder(profile, name, top);
  console.log(`\nunder ${name}: ${b.underMs} ms of ${b.totalMs} ms (${((b.underMs / b.totalMs) * 100).toFixed(1)}%), by direct callee:`);
  for (const x of b.callees) console.log(`  ${x.percent.toFixed(1).padStart(5)}%  ${String(x.ms).padStart(6)} ms  ${x.name}`);
}
