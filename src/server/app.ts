/**
 * Builds the Fastify app: plugins in a fixed order, then the modules. main.ts and the tests
 * both call buildApp, so what is tested is what runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { OffsetClock } from '../core/clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { registerAccess } from './http/access.ts';
import { registerErrorHandling } from './http/error-handler.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { estateRoutes } from './modules/estates/estates.routes.ts';
import { EstateService } from './modules/estates/estates.service.ts';
import { householdRoutes } from './modules/households/households.routes.ts';
import { HouseholdService } from './modules/households/households.service.ts';
import { importRoutes } from './modules/imports/imports.routes.ts';
import { ImportService } from './modules/imports/imports.service.ts';
import { portalRoutes } from './modules/households/portal.routes.ts';
import { propertyRoutes } from './modules/property/property.routes.ts';
import { PropertyService } from './modules/property/property.service.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { ClockService } from './modules/system/clock.service.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { UserService } from './modules/users/users.service.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface Services {
  audit: AuditService;
  auth: AuthService;
  clock: ClockService;
  estates: EstateService;
  property: PropertyService;
  households: HouseholdService;
  users: UserService;
  imports: ImportService;
}

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: OffsetClock;
  logger?: boolean;
  /** Folder of the built web app; served with an SPA fallback when it exists. */
  webRoot?: string;
}

export async function buildApp(opts: BuildOptions) {
  const { config, database } = opts;
  const clock = opts.clock ?? new OffsetClock();
  const app = Fastify({
    logger: opts.logger ? { level: config.env === 'production' ? 'info' : 'warn' } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  const db = database.db;
  const audit = new AuditService(db, clock);
  const property = new PropertyService(db, clock, audit);
  const services: Services = {
    audit,
    auth: new AuthService(db, clock, config, audit),
    clock: new ClockService(db, clock, config, audit),
    estates: new EstateService(db, clock, audit),
    property,
    households: new HouseholdService(db, clock, audit, property),
    users: new UserService(db, clock, audit),
    imports: new ImportService(db, clock, audit),
  };
  await services.clock.load();

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Wuye Desk 物业客服中心 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'wd_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  const access = registerAccess(app, services.auth, config);

  const deps = { services, config, database, cookieOptions: access.cookieOptions };
  await app.register(async (instance) => {
    const api = instance.withTypeProvider<ZodTypeProvider>();
    await systemRoutes(api, deps);
    await authRoutes(api, deps);
    await estateRoutes(api, deps);
    await propertyRoutes(api, deps);
    await householdRoutes(api, deps);
    await portalRoutes(api, deps);
    await userRoutes(api, deps);
    await auditRoutes(api, deps);
    await importRoutes(api, deps);
  });

  const webRoot = opts.webRoot;
  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false });
    // Client-side routes: any non-API GET that is not a file gets the app shell.
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }

  return { app, services, clock };
}

export type Deps = {
  services: Services;
  config: Config;
  database: Database;
  cookieOptions: (expires: Date) => Record<string, unknown>;
};
