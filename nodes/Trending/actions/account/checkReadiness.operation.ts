import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { readinessShortfall } from '../../core';
import { apiClient } from '../../transport';
import type { OperationModule } from '../shared';
import { read } from './common';

export const checkReadiness: OperationModule = {
  option: {
    name: 'Check Readiness',
    value: 'checkReadiness',
    description: 'Find out whether the account can create a request now: plan, template access, credit shortfall',
    action: 'Check account readiness',
  },
  description: [],
  async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
    const { template, body } = read(this, itemIndex);
    const client = await apiClient(this, itemIndex);
    const readiness = await client.checkReadiness(template, body);
    const shortfall = readinessShortfall(readiness);
    const json: IDataObject = {
      ...(readiness as IDataObject),
      ready: shortfall.ready,
      blocker: shortfall.reason ?? null,
      blocker_message: shortfall.message ?? null,
      credits_needed: shortfall.creditsNeeded ?? 0,
    };
    return [{ json }];
  },
};
