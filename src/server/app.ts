/**
 * Builds the Fastify app: plugins in a fixed order, then the modules. main.ts and the tests
 * both call buildApp, so what is tested is what runs.
 */
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { OffsetClock } from '../core/clock.ts';
import type { Config } from './config.ts';
import { CommitGroup } from './db/commit-group.ts';
import type { Database } from './db/database.ts';
import { registerAccess } from './http/access.ts';
import { registerCsrf } from './http/csrf.ts';
import { registerErrorHandling } from './http/error-handler.ts';
import { serveWeb } from './http/static.ts';
import { registerJsonCompression } from './http/compress.ts';
import { AppError } from './http/errors.ts';
import { nulPath } from './http/fields.ts';
import { registerResponseHeaders } from './http/headers.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { logSerializers, registerSlowRequestLog } from './http/log.ts';
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
import { clockSweepRoutes } from './modules/system/clock-sweep.routes.ts';
import { ClockService } from './modules/system/clock.service.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { DeskSweep } from './jobs/desk-sweep.ts';
import type { Job } from './jobs/registry.ts';
import { deskConfigRoutes } from './modules/desk/desk-config.routes.ts';
import { DeskConfigService } from './modules/desk/desk-config.service.ts';
import { PhotoService } from './modules/desk/photos.service.ts';
import { portalTicketRoutes } from './modules/desk/portal-tickets.routes.ts';
import { MAX_PHOTOS, ticketRoutes } from './modules/desk/tickets.routes.ts';
import { TicketService } from './modules/desk/tickets.service.ts';
import { visitRoutes } from './modules/desk/visits.routes.ts';
import { VisitService } from './modules/desk/visits.service.ts';
import { type Channel, LogChannel, SmtpChannel } from './modules/notifications/channels.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { NotificationService } from './modules/notifications/notifications.service.ts';
import { LocalStorage } from './modules/storage/storage.ts';
import { DeskReportService } from './modules/reports/desk-report.service.ts';
import { reportRoutes } from './modules/reports/reports.routes.ts';
import { UserService } from './modules/users/users.service.ts';
import { buildFeeServices, type FeeServices, feeRoutes } from './modules/fees/fees.module.ts';
import { buildFieldServices, type FieldServices, fieldRoutes, roundsJob } from './modules/field/field.module.ts';
import { buildRenovationServices, type RenovationServices, renoDailyJob, renoRoutes } from './modules/field/renovation/renovation.module.ts';
import { plugRenovationIntoRounds } from './modules/field/renovation/rounds.plug.ts';
import { FieldSettingsService } from './modules/field/signs/field-settings.ts';
import { SignService } from './modules/field/signs/signs.service.ts';
import { signRoutes } from './modules/field/signs/signs.routes.ts';
import { VacantService } from './modules/field/vacant/vacant.service.ts';
import { vacantRoutes } from './modules/field/vacant/vacant.routes.ts';
import { HandoverService } from './modules/field/handover/handover.service.ts';
import { handoverRoutes } from './modules/field/handover/handover.routes.ts';
import { importRoundResults, registerFieldGenerators } from './modules/field/signs/field-rounds.ts';
import { homeVisitRoutes } from './modules/relations/visits/visits.routes.ts';
import { HomeVisitService } from './modules/relations/visits/visits.service.ts';
import { registerHomeVisitSync, type SyncKindRegistrar } from './modules/relations/visits/visits.sync.ts';
import { surveyRoutes } from './modules/relations/surveys/surveys.routes.ts';
import { SurveyService } from './modules/relations/surveys/surveys.service.ts';
import { withLock } from './jobs/lock.ts';
import { noticeRoutes } from './modules/relations/notices/notices.routes.ts';
import { NoticeService } from './modules/relations/notices/notices.service.ts';
import { activityRoutes } from './modules/relations/activities/activities.routes.ts';
import { ActivityService } from './modules/relations/activities/activities.service.ts';
import { buildMailServices, mailJobs, type MailServices } from './modules/relations/mail/mail.module.ts';
import { mailRoutes } from './modules/relations/mail/mail.routes.ts';
import { buildManagementServices, type ManagementServices, managementRoutes } from './modules/management/management.module.ts';
import { registerFieldRelationsMetrics } from './modules/management/metrics/field-relations.metrics.ts';

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
  deskConfig: DeskConfigService;
  notifications: NotificationService;
  tickets: TicketService;
  visits: VisitService;
  photos: PhotoService;
  deskSweep: DeskSweep;
  /** every module's scheduled work (jobs/registry.ts); main.ts schedules them all */
  jobs: Job[];
  deskReport: DeskReportService;
  fees: FeeServices;
  /** field operations: rounds engine, offline sync (extension points: field.registerRoundGenerator, field.registerSyncKind) */
  field: FieldServices;
  renovation: RenovationServices;
  fieldSettings: FieldSettingsService;
  signs: SignService;
  vacant: VacantService;
  handovers: HandoverService;
  homeVisits: HomeVisitService;
  surveys: SurveyService;
  notices: NoticeService;
  activities: ActivityService;
  mail: MailServices;
  /** form kit scans, performance, improvement, director's pack (management/) */
  management: ManagementServices;
}

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: OffsetClock;
  /** Request logging; tests pass a level and a stream to read what would be written. */
  logger?: boolean | { level?: string; stream?: { write(line: string): void } };
  /** Folder of the built web app; served with an SPA fallback when it exists. */
  webRoot?: string;
  /** Outside delivery of notifications; from SMTP_URL, else the log. */
  channel?: Channel;
}

export async function buildApp(opts: BuildOptions) {
  const { config, database } = opts;
  const clock = opts.clock ?? new OffsetClock();
  const app = Fastify({
    logger: opts.logger
      ? { level: config.env === 'production' ? 'info' : 'warn', ...(typeof opts.logger === 'object' ? opts.logger : {}), serializers: logSerializers }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const spa = { enabled: false };
  registerErrorHandling(app, spa);
  registerJsonCompression(app);
  if (opts.logger) registerSlowRequestLog(app);
  // A step that takes no input may arrive as "application/json" with no body at all.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body as string);
    } catch {
      return done(Object.assign(new Error('invalid JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
    }
    const nul = nulPath(parsed);
    if (nul) return done(new AppError('VALIDATION', { key: 'error.validation' }, { [nul]: { key: 'field.controlChars' } }), undefined);
    done(null, parsed);
  });

  const db = database.db;
  const audit = new AuditService(db, clock);
  const property = new PropertyService(db, clock, audit);
  const channel = opts.channel ?? (config.smtpUrl ? new SmtpChannel(config.smtpUrl, config.smtpFrom) : new LogChannel());
  const notifications = new NotificationService(db, clock, channel);
  const deskConfig = new DeskConfigService(db, clock, audit);
  const tickets = new TicketService(db, clock, audit, property, deskConfig, notifications, new CommitGroup(database));
  const deskReport = new DeskReportService(database, clock);
  const notices = new NoticeService(db, clock, audit, notifications);
  const surveys = new SurveyService(db, clock, audit);
  const services: Services = {
    audit,
    auth: new AuthService(db, clock, config, audit),
    clock: new ClockService(db, clock, config, audit),
    estates: new EstateService(db, clock, audit),
    property,
    households: new HouseholdService(db, clock, audit, property),
    users: new UserService(db, clock, audit),
    imports: new ImportService(db, clock, audit, config.imports),
    deskConfig,
    notifications,
    tickets,
    visits: new VisitService(db, clock, tickets, notifications),
    photos: new PhotoService(db, clock, new LocalStorage(config.filesDir), tickets, { perStage: MAX_PHOTOS, dailyQuota: config.photoDailyQuota }),
    deskReport,
    deskSweep: new DeskSweep(db, clock, deskConfig, tickets, notifications, deskReport),
    fees: buildFeeServices({ database, clock, audit, property, tickets, notifications, importLimits: config.imports }),
    mail: buildMailServices({ database, clock, audit, notifications, storage: new LocalStorage(config.filesDir) }),
    jobs: [],
    field: buildFieldServices({ db, clock, audit, tickets, notifications, storage: new LocalStorage(config.filesDir), photoDailyQuota: config.photoDailyQuota }),
    renovation: buildRenovationServices({ db, clock, audit, property, notifications, storage: new LocalStorage(config.filesDir) }),
    fieldSettings: new FieldSettingsService(db, clock, audit),
    signs: new SignService(db, clock, audit, tickets, notifications),
    vacant: new VacantService(db, clock, audit, property, tickets, notifications),
    handovers: new HandoverService(db, clock, audit, property, tickets, notifications),
    homeVisits: new HomeVisitService(db, clock, audit, tickets, notifications),
    surveys,
    notices,
    activities: new ActivityService(db, clock, audit, notifications, notices, surveys),
    // Built below: its metric sources read the other modules' services.
    management: undefined as unknown as ManagementServices,
  };
  // A vacancy discount is approved only on the register's word (design A.3.4 rule 3).
  services.fees.discounts.approvalGate = (trx, d) => services.vacant.discountGate(trx, d);
  // Sign groups and due vacant units on the rounds engine; its results become sign/vacant check records.
  registerFieldGenerators(services.field);
  services.jobs.push({ name: 'field-records', everyMs: 5 * 60_000, run: () => withLock(db, clock, 'field-records', 4 * 60_000, () => importRoundResults(db, clock, audit)) });
  services.management = buildManagementServices({ database, clock, audit, tickets, notifications, storage: new LocalStorage(config.filesDir), services });
  registerFieldRelationsMetrics(services.management.metrics);
  services.jobs.push({ name: 'management-monthly', everyMs: 10 * 60_000, run: () => services.management.monthly.run() });
  services.jobs.push({ name: 'desk-sweep', everyMs: 60_000, run: () => services.deskSweep.run() });
  services.jobs.push({ name: 'visit-plans', everyMs: 5 * 60_000, run: () => withLock(db, clock, 'visit-plans', 5 * 60_000, () => services.homeVisits.generateDue()) });
  // Offline home visits through the field app's outbox, when the field module (w-rounds) is built in.
  const field = (services as { field?: SyncKindRegistrar }).field;
  if (field) registerHomeVisitSync(field, services.homeVisits);
  // The phone's task pack carries the area administrator's visit plan of the day.
  services.field.pack.visitPlan = (auth, estateId) => services.homeVisits.packPlan(auth, estateId);
  services.jobs.push({ name: 'notices-sweep', everyMs: 60_000, run: () => services.notices.sweep() });
  services.jobs.push(...mailJobs(services.mail));
  services.estates.onCreated((trx, estateId) => deskConfig.seedDefaults(trx, estateId));
  services.estates.onCreated((trx, estateId) => services.fees.items.seedDefaults(trx, estateId));
  services.jobs.push(roundsJob(db, clock, services.field));
  services.estates.onCreated((trx, estateId) => services.field.config.seedDefaults(trx, estateId));
  services.jobs.push({ name: 'reno-weekly', everyMs: 5 * 60_000, run: () => services.renovation.reports.run() });
  plugRenovationIntoRounds(services, db);
  services.jobs.push(renoDailyJob(db, clock, services.renovation));
  await services.clock.load();

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // added per request by registerResponseHeaders, over HTTPS only (like HSTS)
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
  });
  registerResponseHeaders(app, config);
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
  registerCsrf(app);

  const deps = { services, config, database, cookieOptions: access.cookieOptions };
  await app.register(async (instance) => {
    const api = instance.withTypeProvider<ZodTypeProvider>();
    await systemRoutes(api, deps);
    await clockSweepRoutes(api, deps);
    await authRoutes(api, deps);
    await estateRoutes(api, deps);
    await propertyRoutes(api, deps);
    await householdRoutes(api, deps);
    await portalRoutes(api, deps);
    await userRoutes(api, deps);
    await auditRoutes(api, deps);
    await importRoutes(api, deps);
    await notificationRoutes(api, deps);
    await deskConfigRoutes(api, deps);
    await ticketRoutes(api, deps);
    await visitRoutes(api, deps);
    await portalTicketRoutes(api, deps);
    await reportRoutes(api, deps);
    await feeRoutes(api, deps);
    await fieldRoutes(api, deps);
    await renoRoutes(api, deps);
    await signRoutes(api, deps);
    await vacantRoutes(api, deps);
    await handoverRoutes(api, deps);
    await homeVisitRoutes(api, deps);
    await surveyRoutes(api, deps);
    await noticeRoutes(api, deps);
    await activityRoutes(api, deps);
    await mailRoutes(api, deps);
    await managementRoutes(api, deps);
  });

  spa.enabled = await serveWeb(app, opts.webRoot);

  return { app, services, clock };
}

export type Deps = {
  services: Services;
  config: Config;
  database: Database;
  cookieOptions: (expires: Date) => Record<string, unknown>;
};
