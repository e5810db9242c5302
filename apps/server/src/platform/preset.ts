import { readFileSync } from 'node:fs';
import { assertPreset, type PolicyPreset } from '@relief/domain';

/**
 * Reads and validates the policy preset. A bad preset stops the server with a message naming the
 * field (PresetValidationError), never starts it half-configured.
 */
export function loadPreset(file: string): PolicyPreset {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`无法读取政策预设 ${file}：${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return assertPreset(json, file);
}
