import type { FastifyPluginAsync } from 'fastify';
import { riskCompensationWorkflow } from '@relief/domain';
import { registerWorkflow } from '../../cases/registry';
import { riskCompensationRoutes } from './risk-compensation.routes';

registerWorkflow(riskCompensationWorkflow);

/** The risk-compensation measure (鲁工信发〔2020〕1号 第一条): its routes; its workflow registers on import. */
export const riskCompensationPlugin: FastifyPluginAsync = async (app) => {
  await app.register(riskCompensationRoutes);
};
