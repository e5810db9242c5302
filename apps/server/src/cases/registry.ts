import { checkWorkflow, type WorkflowDefinition } from '@relief/domain';

const workflows = new Map<string, WorkflowDefinition>();

/**
 * Registers a measure's workflow with the engine (each measure plugin does this once).
 * @throws Error when the definition is inconsistent or another one has the measure's name.
 */
export function registerWorkflow(w: WorkflowDefinition): void {
  const problems = checkWorkflow(w);
  if (problems.length) throw new Error(`workflow ${w.measure}: ${problems.join('; ')}`);
  const existing = workflows.get(w.measure);
  if (existing && existing !== w) throw new Error(`workflow ${w.measure} is already registered`);
  workflows.set(w.measure, w);
}

/** The workflow of a measure. @throws Error when none is registered. */
export function getWorkflow(measure: string): WorkflowDefinition {
  const w = workflows.get(measure);
  if (!w) throw new Error(`no workflow registered for ${measure}`);
  return w;
}

/** The workflow of a measure, or undefined. */
export function findWorkflow(measure: string): WorkflowDefinition | undefined {
  return workflows.get(measure);
}
