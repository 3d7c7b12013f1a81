import { badInput, ensure, forbidden, invalidState } from '../shared/errors';
import { assertNever, type Command } from '../shared/message';
import type { ReportRecord, ReportState } from './types';
import { ensureSameTenant } from './validation';

/**
 * The submitted report an official may review: accepting or returning is for the roles the
 * profile names as receivers (000:7 RUMC, 003:3.6 deputy director, 004:4.8 RIMK), copied
 * into the submission.
 */
export const reviewable = (command: Command<string, { readonly reportId: string }>, state: ReportState): ReportRecord => {
  switch (state.status) {
    case 'submitted': {
      const { actor } = command.metadata;
      ensure(command.data.reportId === state.reportId, () => badInput(`the command is for report ${command.data.reportId}, not ${state.reportId}`));
      ensureSameTenant(command.metadata, state);
      ensure(
        state.acceptorRoles.includes(actor.role),
        () => forbidden(`report ${state.reportId} is reviewed by ${state.acceptorRoles.join(' or ')}, not by ${actor.role}`, state.rule),
      );
      return state;
    }
    case 'none':
      throw invalidState(`report ${command.data.reportId} has not been submitted`);
    case 'returned':
      throw invalidState(`report ${state.reportId} was returned and awaits resubmission`);
    case 'accepted':
      throw invalidState(`report ${state.reportId} has already been accepted`);
    default:
      return assertNever(state);
  }
};
