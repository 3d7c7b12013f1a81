/**
 * Guards for the plan stream's input. The decider validates its own data because the
 * domain may be driven by transports other than GraphQL.
 */
import { badInput, ensure, forbidden, notFound } from '../shared/errors';
import type { CommandMetadata } from '../shared/message';
import type { ApprovalStep } from '../profiles/profile';
import type { PlanContent, PlanRecord } from './types';

export const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

export const requireText = (value: unknown, field: string): void =>
  ensure(!isBlank(value), () => badInput(`${field} must not be empty`));

export const requireTexts = (values: readonly unknown[] | undefined, field: string, min = 0): void => {
  ensure(Array.isArray(values), () => badInput(`${field} must be a list`));
  ensure(values.length >= min, () => badInput(`${field} needs at least ${min} item(s)`));
  values.forEach((v, i) => requireText(v, `${field}[${i}]`));
};

const requireUnique = (ids: readonly string[], field: string): void => {
  const seen = new Set<string>();
  for (const id of ids) {
    ensure(!seen.has(id), () => badInput(`${field} ${id} appears twice`));
    seen.add(id);
  }
};

export const requireNumber = (value: unknown, field: string): void =>
  ensure(typeof value === 'number' && Number.isFinite(value), () => badInput(`${field} must be a finite number`));

/** Theme, goal, priorities, tasks and measurable success criteria (003 plan). */
export const validateContent = (content: PlanContent): void => {
  requireText(content.theme, 'theme');
  requireText(content.goal, 'goal');
  requireTexts(content.priorities, 'priorities');
  ensure(Array.isArray(content.tasks) && content.tasks.length > 0, () => badInput('a plan needs at least one task'));
  content.tasks.forEach((task, i) => {
    requireText(task.taskId, `tasks[${i}].taskId`);
    requireText(task.title, `tasks[${i}].title`);
    requireTexts(task.activities, `tasks[${i}].activities`, 1);
    requireText(task.expectedResult, `tasks[${i}].expectedResult`);
    requireText(task.productForm, `tasks[${i}].productForm`);
  });
  requireUnique(
    content.tasks.map((t) => t.taskId),
    'taskId',
  );
  ensure(Array.isArray(content.successCriteria), () => badInput('successCriteria must be a list'));
  const taskIds = new Set(content.tasks.map((t) => t.taskId));
  content.successCriteria.forEach((c, i) => {
    requireText(c.criterionId, `successCriteria[${i}].criterionId`);
    requireText(c.description, `successCriteria[${i}].description`);
    requireText(c.indicator, `successCriteria[${i}].indicator`);
    requireText(c.unit, `successCriteria[${i}].unit`);
    requireNumber(c.target, `successCriteria[${i}].target`);
    if (c.baseline !== undefined) requireNumber(c.baseline, `successCriteria[${i}].baseline`);
    if (c.taskId !== undefined) ensure(taskIds.has(c.taskId), () => notFound('task', String(c.taskId)));
  });
  requireUnique(
    content.successCriteria.map((c) => c.criterionId),
    'criterionId',
  );
};

/**
 * The chain shapes the stream can walk: an optional `discuss` step first (completed by the
 * submission), then `agree` steps, ending in exactly one `approve` step.
 */
export const validateChain = (chain: readonly ApprovalStep[]): void => {
  const last = chain[chain.length - 1];
  ensure(last !== undefined && last.kind === 'approve', () => badInput("the profile's approval chain must end in an approve step"));
  chain.forEach((step, i) => {
    if (step.kind === 'discuss') ensure(i === 0, () => badInput("the profile's approval chain may only start with a discuss step"));
    if (step.kind === 'approve') ensure(i === chain.length - 1, () => badInput("the profile's approval chain has one approve step, the last"));
    if (step.kind !== 'discuss') ensure(step.roles.length > 0, () => badInput(`step ${i} of the profile's approval chain names no role`));
  });
};

/**
 * Tenant isolation: nobody acts on another district's plan, and an institution's staff
 * act only on their own institution's plans (district staff act on all of their district).
 */
export const ensureSameTenant = (
  metadata: CommandMetadata,
  owner: Pick<PlanRecord, 'districtId' | 'institutionId'>,
): void => {
  const { tenant } = metadata;
  ensure(tenant.districtId === owner.districtId, () => forbidden('the plan belongs to another district'));
  if (tenant.institutionId !== undefined && owner.institutionId !== undefined) {
    ensure(tenant.institutionId === owner.institutionId, () => forbidden('the plan belongs to another institution'));
  }
};

export const sameStream = (command: { readonly data: { readonly planId: string } }, state: { readonly planId: string }): void =>
  ensure(command.data.planId === state.planId, () => badInput(`the command is for plan ${command.data.planId}, not ${state.planId}`));
