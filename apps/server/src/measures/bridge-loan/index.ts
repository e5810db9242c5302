import { bridgeLoanWorkflow } from '@relief/domain';
import type { FastifyPluginAsync } from 'fastify';
import { registerWorkflow } from '../../cases/registry';
import { bridgeLoanRoutes } from './bridge-loan.routes';

registerWorkflow(bridgeLoanWorkflow);

/** The bridge-loan measure (应急转贷, 第二条): its routes; its workflow is registered on import. */
export const bridgeLoanPlugin: FastifyPluginAsync = async (app) => {
  await app.register(bridgeLoanRoutes);
};
