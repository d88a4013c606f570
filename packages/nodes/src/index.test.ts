import { expect, it } from 'vitest';
import * as nodes from './index.js';

it('exports the curated public surface and nothing internal', () => {
  expect(Object.keys(nodes).sort()).toEqual(
    [
      'HttpStatusError',
      'InvalidReportError',
      'NodeConfigError',
      'ObservatoryNodeError',
      'OutboxCorruptError',
      'OutboxFullError',
      'ReadonlyVariableError',
      'ReporterClosedError',
      'SYSTEM_VARIABLES',
      'TemplateVariableMissingError',
      'TurnStateError',
      'UnsafeTemplateValueError',
      'classifyReportError',
      'createFileOutbox',
      'createMemoryOutbox',
      'createMissedQuestionReporter',
      'createNodeContext',
      'escalateAfter',
      'httpRequestNode',
      'missedQuestionNode',
      'missedQuestionRequestConfig',
      'renderTemplate',
      'reportKey',
      'tagNode',
      'templateScope',
    ].sort(),
  );
});
