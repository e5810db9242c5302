import { guaranteeExtensionWorkflow } from '@relief/domain';
import type { FastifyPluginAsync } from 'fastify';
import { registerWorkflow } from '../../cases/registry';
import { guaranteeRoutes } from './guarantee.routes';

// The extension-request workflow is registered at module load, so the engine knows it before any route runs.
registerWorkflow(guaranteeExtensionWorkflow);

/** The guarantee measure (融资担保, 第四条): register, filings, compensations, extension requests, reward base, dashboard. */
export const guaranteePlugin: FastifyPluginAsync = async (app) => {
  await app.register(guaranteeRoutes);
};
