import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from '../platform/audit.routes';
import { authRoutes } from '../platform/auth/auth.routes';
import { organisationRoutes } from '../platform/organisations/organisations.routes';
import { registrationRoutes } from '../platform/registrations/registrations.routes';
import { userRoutes } from '../platform/users/users.routes';
import { calendarRoutes } from '../cases/calendar.routes';
import { caseRoutes } from '../cases/cases.routes';
import { policyRoutes } from '../policy/policy.routes';
import { registryRoutes } from '../registry/registry.routes';
import { measurePlugins } from '../measures/index';
import { healthRoutes } from './health.routes';
import { referenceRoutes } from './reference.routes';

/** Every API route, under /api. A measure adds its plugin here and nowhere else. */
export const routes: FastifyPluginAsync = async (app) => {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(organisationRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(registrationRoutes);
  await app.register(referenceRoutes);
  await app.register(caseRoutes);
  await app.register(calendarRoutes);
  await app.register(policyRoutes);
  await app.register(registryRoutes);
  for (const plugin of measurePlugins) await app.register(plugin);
};
