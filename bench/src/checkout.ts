// The repository at another commit, for `--against=<ref>`: the platform as it was there runs beside
// this checkout's, and the benchmark loads the two in turn (benchmarks/opening-burst.ts). Runs one
// after another could not tell a change of 5–10% from the machine's own drift: the bare baseline
// moved between 7,000 and 11,600 POST/s within three minutes (README.md, session 12).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onCleanup, repoRoot } from './harness';

export interface Checkout {
  /** As given on the command line. */
  ref: string;
  /** The commit it names. */
  sha: string;
  /** A git worktree of the commit, with this checkout's dependencies. */
  root: string;
}

const git = (...args: string[]) => execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The commit `ref` names, or an error saying it names none. */
export function resolveCommit(ref: string): string {
  try {
    return git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    throw new Error(`--against=${ref}: not a commit of this repository`);
  }
}

/**
 * Checks `ref` out into a temporary worktree, removed when the run ends. Its node_modules are this
 * checkout's, hard-linked (under a second and no extra disk): the workspace links in them are
 * relative, so they lead to the worktree's own packages. A commit whose package-lock.json differs
 * would need its own install; the run says so and goes on with these.
 */
export function checkoutAt(ref: string): Checkout {
  const sha = resolveCommit(ref);
  const root = mkdtempSync(path.join(tmpdir(), 'relief-against-'));
  const remove = () => {
    try {
      git('worktree', 'remove', '--force', root);
    } finally {
      rmSync(root, { recursive: true, force: true });
      git('worktree', 'prune');
    }
  };
  onCleanup(remove);
  git('worktree', 'add', '--detach', root, sha);
  for (const dir of dependencyDirs()) {
    execFileSync('cp', ['-al', path.join(repoRoot, dir), path.join(root, dir)]);
  }
  try {
    git('diff', '--quiet', sha, '--', 'package-lock.json');
  } catch {
    console.warn(`  ⚠ package-lock.json differs at ${ref}: its platform runs with this checkout's dependencies`);
  }
  return { ref, sha, root };
}

/** The node_modules directories of the repository and its workspaces that exist here. */
function dependencyDirs(): string[] {
  const { workspaces = [] } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { workspaces?: string[] };
  return ['.', ...workspaces].map((w) => path.join(w, 'node_modules')).filter((d) => existsSync(path.join(repoRoot, d)));
}
