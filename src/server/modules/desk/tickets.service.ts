import type { z } from 'zod';
import { type Clock, localDate, localMonth } from '../../../core/clock.ts';
import { maskPhone } from '../../../core/mask.ts';
import { can } from '../../../core/roles.ts';
import { seesArea } from '../../../core/scope.ts';
import { addDuration, agreement, countedMinutes } from '../../../core/sla.ts';
import {
  ACTION_PERMISSION,
  type Action,
  allowedActions,
  countsAsResponse,
  IllegalTransition,
  isBadVisit,
  type Priority,
  reporterMayCancel,
  type Status,
  type TicketType,
  transition,
} from '../../../core/tickets.ts';
import { unitLabel } from '../../../core/units.ts';
import { fromBool, fromJson, toBool, toJson } from '../../db/codec.ts';
import { type Lang, t as translate } from '../../i18n/messages.ts';
import type { CommitGroup } from '../../db/commit-group.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { TicketTable } from '../../db/schema.ts';
import type { Updateable } from 'kysely';
import { AppError, conflict, forbidden, invalid, type Msg, notFound } from '../../http/errors.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import { currentPortalUnits, portalSeesTicket } from '../households/portal-scope.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { PropertyService } from '../property/property.service.ts';
import type { DeskConfigService } from './desk-config.service.ts';
import type { actionInput, ticketCreate } from './desk.schemas.ts';
import { type ListRow, ticketRepository as repo, type TicketFilter } from './tickets.repository.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.find>>>;
type Create = z.infer<typeof ticketCreate>;
type ActionIn = z.infer<typeof actionInput>;
/** A step's input; `noteMsg` is a note the system writes, kept as a message key so each reader sees it in his language. */
type StepIn = Omit<ActionIn, 'note'> & { note?: string | null; noteMsg?: Msg };

/** Who may accept a ticket assigned to someone else (the area's administrator and above). */
const SUPERVISORS: string[] = ['cs_admin', 'assistant', 'director'];

/** The note column holds the Chinese text; the message key, when there is one, goes with the event's data. */
function noteOf(input: StepIn) {
  return input.noteMsg ? translate('zh-CN', input.noteMsg.key, input.noteMsg.params) : (input.note ?? null);
}

export const SYSTEM: Actor = { id: null, name: 'system', ip: null, displayName: '系统' };

/** Tickets 报事工单: registration, every step of the state machine, and the timeline. */
export class TicketService {
  constructor(
    private db: Db,
    private clock: Clock,
    private audit: AuditService,
    private property: PropertyService,
    private config: DeskConfigService,
    private notifications: NotificationService,
    /** Registrations share commits on SQLite (db/commit-group.ts); each its own transaction on PostgreSQL. */
    private commits: CommitGroup,
  ) {}

  private now() {
    return this.clock.now();
  }

  /** Other modules' steps when a ticket closes or is cancelled, in the same transaction (rounds: its finding closes). */
  private finalHooks: Array<(trx: Executor, ticketId: number, status: 'closed' | 'cancelled') => Promise<void>> = [];
  onFinal(hook: (trx: Executor, ticketId: number, status: 'closed' | 'cancelled') => Promise<void>) {
    this.finalHooks.push(hook);
  }

  // ---- reading ---------------------------------------------------------------------------

  /** A ticket the caller may see: his estates/areas; department staff only their department's work; an owner his units'. */
  private visible(auth: AuthContext, t: Pick<Row, 'estate_id' | 'area_id' | 'department' | 'unit_id' | 'reporter_user_id' | 'created_at'>) {
    const { scope, user } = auth;
    // A unit's tickets only while he owns or rents it and from his start there; his own without a unit.
    if (user.role === 'owner') return portalSeesTicket(scope, user.id, t);
    if (!seesArea(scope, t.estate_id, t.area_id)) return false;
    if (user.role === 'dept_staff') return t.department != null && t.department === user.department;
    return true;
  }

  private async require(db: Executor, auth: AuthContext, id: number): Promise<Row> {
    const t = await repo.find(db, id);
    if (!t || !this.visible(auth, t)) throw notFound('entity.ticket');
    return t;
  }

  /** The ticket's identity when the caller may see it (404 otherwise), without its timeline. */
  async visibleTicket(auth: AuthContext, id: number) {
    const t = await this.require(this.db, auth, id);
    return { id: t.id, estateId: t.estate_id };
  }

  async list(auth: AuthContext, f: Omit<TicketFilter, 'scope' | 'now' | 'warnUntil' | 'department' | 'reporterId'> & { mine?: boolean }) {
    const now = this.now();
    const warn = f.estateId ? (await this.config.settings(this.db, f.estateId)).warnMinutes : 120;
    const { items, total, more } = await repo.list(this.db, {
      ...f,
      scope: auth.scope,
      reporterId: auth.user.role === 'owner' ? auth.user.id : undefined,
      department: auth.user.role === 'dept_staff' ? (auth.user.department ?? '-') : undefined,
      assigneeId: f.mine ? auth.user.id : f.assigneeId,
      now: now.toISOString(),
      warnUntil: new Date(now.getTime() + warn * 60_000).toISOString(),
    });
    const warnings = await this.warnMinutes(items.map((t) => t.estate_id));
    return { total, more, items: items.map((t) => this.presentListItem(t, auth, warnings.get(t.estate_id) ?? 120, now)) };
  }

  async get(auth: AuthContext, id: number, lang: Lang = 'zh-CN') {
    const t = await this.require(this.db, auth, id);
    const [events, photos, steps, visit, warn] = await Promise.all([
      repo.events(this.db, id),
      repo.photos(this.db, id),
      repo.steps(this.db, id),
      repo.latestVisit(this.db, id),
      this.warnMinutes([t.estate_id]),
    ]);
    const owner = auth.user.role === 'owner';
    return {
      ...this.present(t, auth, warn.get(t.estate_id) ?? 120),
      events: events
        .filter((e) => !(owner && toBool(e.internal)))
        .map((e) => {
          const m = toJson<{ note?: Msg }>(e.data)?.note;
          const staffName = lang === 'en-US' ? 'Property service center' : '物业服务中心';
          return {
            id: e.id,
            at: e.at,
            actorName: owner && e.actor_id !== auth.user.id ? staffName : e.actor_name,
            kind: e.kind,
            fromStatus: e.from_status,
            toStatus: e.to_status,
            note: m ? translate(lang, m.key, m.params) : e.note,
            internal: toBool(e.internal),
          };
        }),
      photos: photos.map((p) => ({ id: p.id, mime: p.mime, size: p.size, eventId: p.event_id, createdAt: p.created_at })),
      steps: owner ? [] : steps.map((s) => ({ id: s.id, seq: s.seq, title: s.title, role: s.role, doneAt: s.done_at, doneBy: s.done_by, note: s.note })),
      visit:
        owner || !visit
          ? null
          : { id: visit.id, dueAt: visit.due_at, doneAt: visit.done_at, score: visit.score, comment: visit.comment, tags: visit.tags ? visit.tags.split(',') : [], assigneeId: visit.assignee_id },
    };
  }

  private async warnMinutes(estateIds: number[]) {
    const out = new Map<number, number>();
    for (const id of new Set(estateIds)) out.set(id, (await this.config.settings(this.db, id)).warnMinutes);
    return out;
  }

  /** Whether the portal user who reported still follows the ticket: not once he sold or left the unit. */
  private async reporterFollows(db: Executor, t: Row): Promise<boolean> {
    if (!t.reporter_user_id) return false;
    return t.unit_id == null || (await currentPortalUnits(db, t.reporter_user_id, localDate(this.now()))).includes(t.unit_id);
  }

  /** The accept button: the ticket's assignee, anyone who may take it from the pool, or a supervisor. */
  private mayAccept(auth: AuthContext, t: Pick<Row, 'assignee_id'>) {
    return SUPERVISORS.includes(auth.user.role) || t.assignee_id == null || t.assignee_id === auth.user.id;
  }

  /** A row of a list: what it shows, its deadline state and the steps the caller may take. */
  private presentListItem(t: ListRow, auth: AuthContext, warn: number, now: Date) {
    const status = t.status as Status;
    return {
      id: t.id,
      estateId: t.estate_id,
      areaId: t.area_id,
      number: t.number,
      type: t.type as TicketType,
      unitId: t.unit_id,
      unitLabel: t.building_code ? unitLabel(t.building_code, t.unit_entrance ?? null, t.unit_number!) : null,
      reporterName: t.reporter_name,
      priority: t.priority as Priority,
      emergency: toBool(t.emergency),
      incidentType: t.incident_type,
      title: t.title,
      department: t.department,
      assigneeId: t.assignee_id,
      assigneeName: t.assignee_name ?? null,
      appointmentAt: t.appointment_at,
      status,
      responseDueAt: t.response_due_at,
      respondedAt: t.responded_at,
      resolutionDueAt: t.resolution_due_at,
      agreement: this.agreementOf(t, warn, now),
      createdAt: t.created_at,
      actions: this.actionsOf(auth, t),
    };
  }

  private actionsOf(auth: AuthContext, t: Pick<Row, 'status' | 'assignee_id'>) {
    const role = auth.user.role;
    return role === 'owner' ? [] : allowedActions(t.status as Status).filter((a) => can(role, ACTION_PERMISSION[a]) && (a !== 'accept' || this.mayAccept(auth, t)));
  }

  private agreementOf(t: Pick<Row, 'status' | 'response_due_at' | 'resolution_due_at' | 'responded_at' | 'resolved_at'>, warn: number, now: Date) {
    return agreement(
      { status: t.status as Status, responseDueAt: t.response_due_at, resolutionDueAt: t.resolution_due_at, respondedAt: t.responded_at, resolvedAt: t.resolved_at },
      now,
      warn,
    );
  }

  /** The whole ticket: its list row and the fields only the ticket page shows. */
  present(t: Row, auth: AuthContext, warn: number) {
    return {
      ...this.presentListItem(t, auth, warn, this.now()),
      channel: t.channel as any,
      reporterPhone: maskPhone(t.reporter_phone),
      category: t.category_id ? { id: t.category_id, place: t.c_place!, category: t.c_category!, problem: t.c_problem! } : null,
      complex: toBool(t.complex),
      description: t.description,
      price: t.price,
      resolvedAt: t.resolved_at,
      confirmedAt: t.confirmed_at,
      closedAt: t.closed_at,
      cancelledAt: t.cancelled_at,
      cancelReason: t.cancel_reason,
      reopenCount: t.reopen_count,
      escalationLevel: t.escalation_level,
      rating: t.rating,
      ratingComment: t.rating_comment,
      updatedAt: t.updated_at,
    };
  }

  // ---- registration ----------------------------------------------------------------------

  async create(actor: Actor, auth: AuthContext, input: Create, reporterUserId: number | null = null) {
    const result = await this.commits.run((trx) => this.register(trx, actor, auth, input, reporterUserId));
    await this.notifications.deliver(result.notified, result.title, result.body);
    return result.id;
  }

  /**
   * Registration inside the caller's transaction, so another module can file a ticket together
   * with its own record (the arrears ladder's home visit files a complaint). The caller delivers
   * `notified` with `notifications.deliver` after its transaction commits.
   */
  async register(trx: Executor, actor: Actor, auth: AuthContext, input: Create, reporterUserId: number | null = null) {
    const now = this.now();
    let estateId: number;
    let areaId: number | null = null;
    let reporterName = input.reporterName;
    let reporterPhone = input.reporterPhone;
    if (input.unitId) {
      // The unit, its scope and (when no reporter is given) whom to call, in one statement.
      const unit = await this.property.unitWithContact(trx, auth.scope, input.unitId);
      estateId = unit.estate_id;
      areaId = unit.area_id;
      if (!reporterName) {
        // Pre-filled from the archive: the household head, or the first current owner.
        reporterName = unit.contact?.name ?? null;
        reporterPhone = reporterPhone ?? unit.contact?.phone ?? null;
      }
    } else {
      if (!input.estateId) throw invalid('unitId', 'field.unitOrEstate');
      estateId = input.estateId;
      areaId = input.areaId ?? null;
      if (!seesArea(auth.scope, estateId, areaId)) throw new AppError('OUT_OF_SCOPE', { key: 'error.outOfScope' });
    }
    if (input.categoryId) {
      const c = await trx.selectFrom('ticket_categories').select('estate_id').where('id', '=', input.categoryId).executeTakeFirst();
      if (!c || c.estate_id !== estateId) throw invalid('categoryId', 'field.categoryEstate');
    }
    if (input.emergency && !input.incidentType) throw invalid('incidentType', 'field.incidentRequired');
    const priority = input.emergency ? 'urgent' : input.priority;
    const due = await this.config.dueTimes(trx, estateId, { type: input.type, priority, complex: input.complex, emergency: input.emergency }, now);
    // The estate's month: a ticket registered 06:04 Beijing time on the 1st belongs to that month.
    const period = localMonth(now).replace('-', '');
    const seq = await repo.nextNumber(trx, estateId, period);
    const at = now.toISOString();
    const number = `${period}-${String(seq).padStart(4, '0')}`;
    const { id } = await repo.insert(trx, {
      estate_id: estateId,
      area_id: areaId,
      number,
      type: input.type,
      channel: input.channel,
      unit_id: input.unitId ?? null,
      reporter_name: reporterName ?? '—',
      reporter_phone: reporterPhone ?? null,
      reporter_user_id: reporterUserId,
      category_id: input.categoryId ?? null,
      priority,
      complex: fromBool(input.complex),
      emergency: fromBool(input.emergency),
      incident_type: input.emergency ? (input.incidentType ?? null) : null,
      title: input.title,
      description: input.description,
      department: input.department ?? null,
      assignee_id: null,
      appointment_at: input.appointmentAt ?? null,
      price: input.price ?? null,
      status: 'registered',
      response_due_at: due.responseDueAt,
      resolution_due_at: due.resolutionDueAt,
      reopen_count: 0,
      escalation_level: 0,
      warned: 0,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await repo.insertEvent(trx, { estate_id: estateId, ticket_id: id, at, actor_id: actor.id, actor_name: actor.displayName ?? actor.name, kind: 'created', from_status: null, to_status: 'registered', note: null, internal: 0, data: null });
    await this.audit.record(trx, actor, { action: 'create', entity: 'ticket', entityId: id, estateId, summary: { key: 'audit.ticket.create', params: { number, title: input.title } }, ref: number });
    const notified: number[] = [];
    const title: Msg = { key: input.emergency ? 'notice.emergency' : 'notice.newTicket', params: { title: input.title } };
    if (input.emergency && input.incidentType) {
      // Manual 5.1–5.2: start the estate's plan and tell the director and assistant at once.
      const steps = await this.config.plan(trx, estateId, input.incidentType);
      if (steps.length) await trx.insertInto('ticket_steps').values(steps.map((s) => ({ estate_id: estateId, ticket_id: id, seq: s.seq, title: s.title, role: s.role }))).execute();
      const leaders = await repo.staff(trx, estateId, ['director', 'assistant']);
      notified.push(...(await this.notifications.notify(trx, { userIds: leaders, estateId, kind: 'emergency', title, body: input.description, ticketId: id, dedupeKey: `emergency:${id}` })));
    } else if (input.channel === 'portal') {
      const managers = await this.areaManagers(trx, estateId, areaId);
      notified.push(...(await this.notifications.notify(trx, { userIds: managers, estateId, kind: 'new_ticket', title, body: `${reporterName ?? ''}：${input.description}`, ticketId: id })));
    }
    return { id, notified, title, body: input.description };
  }

  /** The area's administrator, or every cs_admin covering it when the area has none. */
  async areaManagers(db: Executor, estateId: number, areaId: number | null) {
    if (areaId) {
      const area = await db.selectFrom('areas').select('manager_user_id').where('id', '=', areaId).executeTakeFirst();
      if (area?.manager_user_id) return [area.manager_user_id];
    }
    return repo.staff(db, estateId, ['cs_admin'], areaId);
  }

  // ---- the state machine -----------------------------------------------------------------

  async act(actor: Actor, auth: AuthContext, id: number, action: Action, input: ActionIn) {
    if (!can(auth.user.role, ACTION_PERMISSION[action])) throw forbidden();
    const outcome = await this.db.transaction().execute(async (trx) => {
      const t = await this.require(trx, auth, id);
      return this.step(trx, actor, t, action, input, auth);
    });
    await this.notifications.deliver(outcome.notified, outcome.title, outcome.body);
    return outcome;
  }

  /**
   * One step of one ticket, inside the caller's transaction: the rule from core/tickets.ts,
   * the fields that step sets, a timeline entry, an audit entry, and who is told.
   */
  async step(trx: Executor, actor: Actor, t: Row, action: Action, input: StepIn, auth: AuthContext | null) {
    const from = t.status as Status;
    let to: Status;
    try {
      to = transition(action, from, (t.paused_from as Status) ?? null);
    } catch (err) {
      if (err instanceof IllegalTransition) throw conflict('conflict.transition', { status: `status.${from}`, action: `action.${action}` });
      throw err;
    }
    const now = this.now();
    const at = now.toISOString();
    const patch: Updateable<TicketTable> = { status: to, updated_at: at };
    if (countsAsResponse(action) && !t.responded_at) patch.responded_at = at;
    const notify: { userIds: number[]; title: Msg; body: Msg | string } = { userIds: [], title: { key: '' }, body: '' };

    switch (action) {
      case 'dispatch': {
        const department = input.department ?? t.department;
        if (!department) throw invalid('department', 'field.departmentRequired');
        patch.department = department;
        patch.assignee_id = input.assigneeId ?? null;
        if (input.appointmentAt !== undefined) patch.appointment_at = input.appointmentAt;
        if (input.assigneeId && !(await this.assignable(trx, t, department)).some((p) => p.id === input.assigneeId)) throw invalid('assigneeId', 'field.assigneeDepartment');
        notify.userIds = input.assigneeId ? [input.assigneeId] : await repo.staff(trx, t.estate_id, ['dept_staff'], undefined, department);
        notify.title = { key: 'notice.dispatch', params: { number: t.number, title: t.title } };
        notify.body = t.description;
        break;
      }
      case 'accept': {
        // Only the assignee accepts, or a supervisor, who becomes the assignee or names one.
        let assignee = t.assignee_id ?? actor.id;
        if (auth) {
          const me = auth.user;
          const wanted = input.assigneeId ?? null;
          if (!SUPERVISORS.includes(me.role)) {
            if ((t.assignee_id && t.assignee_id !== me.id) || (wanted && wanted !== me.id)) throw forbidden();
            assignee = me.id;
          } else {
            assignee = wanted ?? me.id;
            const eligible = await this.assignable(trx, t, t.department);
            const person = eligible.find((p) => p.id === assignee);
            if (!person) throw invalid('assigneeId', 'field.assigneeDepartment');
            if (assignee !== me.id || (t.assignee_id != null && t.assignee_id !== assignee)) {
              const name = person.displayName;
              input = { ...input, noteMsg: input.note ? { key: 'note.acceptForNote', params: { name, note: input.note } } : { key: 'note.acceptFor', params: { name } } };
            }
          }
        }
        patch.assignee_id = assignee;
        break;
      }
      case 'pause':
        if (!input.note && !input.noteMsg) throw invalid('note', 'field.reasonRequired');
        patch.paused_from = from;
        patch.paused_at = at;
        break;
      case 'resume': {
        // The resolution clock stood still while paused: move its due time by the paused span.
        const cal = toBool(t.emergency) ? null : await this.config.calendar(trx, t.estate_id);
        const paused = t.paused_at ? countedMinutes(new Date(t.paused_at), now, cal) : 0;
        patch.resolution_due_at = addDuration(new Date(t.resolution_due_at), paused, cal).toISOString();
        patch.paused_from = null;
        patch.paused_at = null;
        break;
      }
      case 'resolve':
        if (!input.note && !input.noteMsg) throw invalid('note', 'field.noteRequired');
        patch.resolved_at = at;
        if (await this.reporterFollows(trx, t)) {
          notify.userIds = [t.reporter_user_id!];
          notify.title = { key: 'notice.resolve', params: { number: t.number } };
          notify.body = input.noteMsg ?? input.note ?? t.title;
        }
        break;
      case 'confirm':
        patch.confirmed_at = at;
        break;
      case 'close':
        patch.closed_at = at;
        break;
      case 'cancel':
        if (!input.note && !input.noteMsg) throw invalid('note', 'field.reasonRequired');
        patch.cancelled_at = at;
        patch.cancel_reason = noteOf(input);
        break;
      case 'reopen': {
        const due = await this.config.dueTimes(trx, t.estate_id, { type: t.type as TicketType, priority: t.priority as Priority, complex: toBool(t.complex), emergency: toBool(t.emergency) }, now);
        patch.reopen_count = t.reopen_count + 1;
        patch.resolved_at = null;
        patch.confirmed_at = null;
        patch.resolution_due_at = due.resolutionDueAt;
        patch.escalation_level = 0;
        patch.warned = t.warned & 1;
        notify.userIds = await repo.staff(trx, t.estate_id, ['assistant']);
        notify.title = { key: 'notice.reopen', params: { number: t.number } };
        notify.body = input.noteMsg ?? input.note ?? t.title;
        break;
      }
      case 'respond':
        if (await this.reporterFollows(trx, t)) {
          notify.userIds = [t.reporter_user_id!];
          notify.title = { key: 'notice.respond', params: { number: t.number } };
          notify.body = input.noteMsg ?? input.note ?? t.title;
        }
        break;
    }

    if (!(await repo.update(trx, t.id, from, patch))) throw conflict('conflict.changed');
    await repo.insertEvent(trx, {
      estate_id: t.estate_id,
      ticket_id: t.id,
      at,
      actor_id: actor.id,
      actor_name: actor.displayName ?? actor.name,
      kind: action,
      from_status: from,
      to_status: to,
      note: noteOf(input),
      internal: fromBool(input.internal ?? false),
      data: fromJson(
        action === 'dispatch' || action === 'accept' || input.noteMsg
          ? { ...(action === 'dispatch' ? { department: patch.department } : {}), ...(action === 'dispatch' || action === 'accept' ? { assigneeId: patch.assignee_id } : {}), ...(input.noteMsg ? { note: input.noteMsg } : {}) }
          : null,
      ),
    });
    await this.audit.record(trx, actor, { action: `ticket.${action}`, entity: 'ticket', entityId: t.id, estateId: t.estate_id, summary: { key: 'audit.ticket.step', params: { number: t.number, event: `audit.event.${action}`, from: `status.${from}`, to: `status.${to}` } }, ref: t.number });
    const notified = notify.userIds.length
      ? await this.notifications.notify(trx, { userIds: notify.userIds, estateId: t.estate_id, kind: `ticket.${action}`, title: notify.title, body: notify.body, ticketId: t.id })
      : [];
    if (to === 'closed' || to === 'cancelled') for (const hook of this.finalHooks) await hook(trx, t.id, to);
    if (action === 'resolve' && (await this.visitPolicy(trx, t)) !== 'never') await this.queueVisit(trx, t, at);
    const final = action === 'confirm' ? await this.afterConfirm(trx, { ...t, ...patch } as Row) : to;
    return { id: t.id, status: final, notified, title: notify.title, body: notify.body };
  }

  /**
   * Who can be given the ticket's work: active staff covering its area (estate-wide or that area),
   * the department's own staff first, then the supervisors (cs_admin, assistant, director).
   */
  async assignable(db: Executor, t: Pick<Row, 'estate_id' | 'area_id'>, department: string | null) {
    const rows = await db
      .selectFrom('users as u')
      .innerJoin('user_scopes as s', 's.user_id', 'u.id')
      .select(['u.id', 'u.display_name', 'u.role', 'u.department'])
      .distinct()
      .where('u.active', '=', 1)
      .where('s.estate_id', '=', t.estate_id)
      .where((eb) => (t.area_id == null ? eb('s.area_id', 'is', null) : eb.or([eb('s.area_id', 'is', null), eb('s.area_id', '=', t.area_id)])))
      .where((eb) => eb.or([eb('u.role', 'in', SUPERVISORS), ...(department ? [eb.and([eb('u.role', '=', 'dept_staff'), eb('u.department', '=', department)])] : [])]))
      .execute();
    const rank = (role: string) => (role === 'dept_staff' ? 0 : 1 + SUPERVISORS.indexOf(role));
    return rows
      .sort((a, b) => rank(a.role) - rank(b.role) || a.id - b.id)
      .map((r) => ({ id: r.id, displayName: r.display_name, role: r.role, department: r.department }));
  }

  /** The assignee picker of one ticket (dispatch or a supervisor's accept): 404 outside the caller's scope. */
  async assigneesFor(auth: AuthContext, id: number, department?: string) {
    const t = await this.require(this.db, auth, id);
    return this.assignable(this.db, t, department ?? t.department);
  }

  /** The visit policy of a ticket's category; inquiries and suggestions without one need no call. */
  private async visitPolicy(db: Executor, t: Row): Promise<string> {
    if (t.category_id) return (await db.selectFrom('ticket_categories').select('visit_policy').where('id', '=', t.category_id).executeTakeFirstOrThrow()).visit_policy;
    return t.type === 'inquiry' || t.type === 'suggestion' ? 'never' : 'unless_rated';
  }

  /** The ticket's return visits still to be made, and those queued since its resolution. */
  private async visitsOf(db: Executor, t: Pick<Row, 'id' | 'resolved_at'>) {
    const rows = await db.selectFrom('return_visits').selectAll().where('ticket_id', '=', t.id).orderBy('id').execute();
    return { pending: rows.find((v) => !v.done_at), sinceResolved: t.resolved_at ? rows.filter((v) => v.created_at >= t.resolved_at!) : [] };
  }

  /**
   * Queues the return visit for the area's administrator, once per resolution; one still pending
   * (the ticket was reopened by hand before the call) serves the new resolution.
   */
  private async queueVisit(trx: Executor, t: Row, at: string) {
    const { pending, sinceResolved } = await this.visitsOf(trx, { id: t.id, resolved_at: at });
    if (pending || sinceResolved.length) return;
    const settings = await this.config.settings(trx, t.estate_id);
    const [manager] = await this.areaManagers(trx, t.estate_id, t.area_id);
    await repo.insertVisit(trx, {
      estate_id: t.estate_id,
      ticket_id: t.id,
      assignee_id: manager ?? null,
      due_at: new Date(Date.parse(at) + settings.visitDueDays * 86_400_000).toISOString(),
      tags: '',
      created_at: at,
    });
    if (manager) await this.notifications.notify(trx, { userIds: [manager], estateId: t.estate_id, kind: 'visit', title: { key: 'notice.visit', params: { number: t.number } }, body: t.title, ticketId: t.id });
  }

  /**
   * After the resident's confirmation: wait for the return visit queued at resolve; close when it
   * is done or none is needed. A ticket resolved before visits were queued at resolve gets its
   * visit now, as the policy says.
   */
  private async afterConfirm(trx: Executor, t: Row): Promise<Status> {
    const { pending, sinceResolved } = await this.visitsOf(trx, t);
    if (pending) return 'confirmed';
    const policy = await this.visitPolicy(trx, t);
    const needsVisit = !sinceResolved.length && (policy === 'always' || (policy === 'unless_rated' && t.rating == null));
    if (!needsVisit) return (await this.step(trx, SYSTEM, t, 'close', { note: null }, null)).status;
    await this.queueVisit(trx, t, t.resolved_at!);
    return 'confirmed';
  }

  /**
   * A resident's score, from the return visit call or his own rating in the portal (one rule,
   * manual 3.4): 2 or less reopens the ticket and alerts the assistant; otherwise the visit is
   * answered and the ticket closes once confirmed. A rating answers a pending visit only where the
   * policy spares rated tickets the call (`unless_rated`) or when it reopens the ticket.
   */
  async scored(trx: Executor, actor: Actor, t: Row, score: number, input: StepIn, auth: AuthContext | null, by: 'visit' | 'rating') {
    const bad = isBadVisit(score);
    if (by === 'rating') {
      const { pending } = await this.visitsOf(trx, t);
      if (pending && (bad || (await this.visitPolicy(trx, t)) === 'unless_rated')) {
        await trx.updateTable('return_visits').set({ done_at: this.now().toISOString(), done_by: actor.id, score, comment: input.note ?? null, tags: '' }).where('id', '=', pending.id).where('done_at', 'is', null).execute();
      }
    }
    if (bad) {
      if (t.status === 'resolved' || t.status === 'confirmed') return this.step(trx, actor, t, 'reopen', input, auth);
      if (t.status !== 'closed') return { id: t.id, status: t.status as Status, notified: [] as number[], title: { key: '' } as Msg, body: '' as Msg | string }; // already being reworked
      // A closed ticket cannot reopen: the assistant is told, and decides.
      const userIds = await repo.staff(trx, t.estate_id, ['assistant']);
      const title: Msg = { key: 'notice.lowRating', params: { number: t.number, score } };
      const notified = await this.notifications.notify(trx, { userIds, estateId: t.estate_id, kind: 'ticket.lowRating', title, body: input.note ?? t.title, ticketId: t.id });
      return { id: t.id, status: t.status as Status, notified, title, body: input.note ?? t.title };
    }
    if (t.status === 'confirmed' && !(await this.visitsOf(trx, t)).pending) return this.step(trx, actor, t, 'close', input, auth);
    // A good return visit before the resident confirmed stands for his confirmation.
    if (t.status === 'resolved' && by === 'visit') return this.step(trx, actor, t, 'confirm', input, auth);
    return { id: t.id, status: t.status as Status, notified: [] as number[], title: { key: '' } as Msg, body: '' as Msg | string };
  }

  async comment(actor: Actor, auth: AuthContext, id: number, note: string, internal: boolean) {
    await this.db.transaction().execute(async (trx) => {
      const t = await this.require(trx, auth, id);
      await repo.insertEvent(trx, { estate_id: t.estate_id, ticket_id: id, at: this.now().toISOString(), actor_id: actor.id, actor_name: actor.displayName ?? actor.name, kind: 'comment', from_status: null, to_status: null, note, internal: fromBool(internal), data: null });
    });
  }

  async completeStep(actor: Actor, auth: AuthContext, ticketId: number, stepId: number, note: string | null) {
    await this.db.transaction().execute(async (trx) => {
      const t = await this.require(trx, auth, ticketId);
      const step = await trx.selectFrom('ticket_steps').selectAll().where('id', '=', stepId).where('ticket_id', '=', ticketId).executeTakeFirst();
      if (!step) throw notFound('entity.step');
      if (step.done_at) throw conflict('conflict.stepDone');
      const at = this.now().toISOString();
      await trx.updateTable('ticket_steps').set({ done_at: at, done_by: actor.displayName ?? actor.name, note }).where('id', '=', stepId).execute();
      await repo.insertEvent(trx, { estate_id: t.estate_id, ticket_id: ticketId, at, actor_id: actor.id, actor_name: actor.displayName ?? actor.name, kind: 'step', from_status: null, to_status: null, note: `${step.seq}. ${step.title}${note ? `：${note}` : ''}`, internal: 1, data: null });
    });
  }

  /** The reporter's full phone, for a call back; audited like every reveal (R-HH-PRIV). */
  async revealReporterPhone(actor: Actor, auth: AuthContext, id: number) {
    const t = await this.require(this.db, auth, id);
    await this.audit.record(this.db, actor, {
      action: 'reveal',
      entity: 'ticket',
      entityId: id,
      estateId: t.estate_id,
      summary: { key: 'audit.ticket.reveal', params: { number: t.number, name: t.reporter_name } },
      ref: t.number,
      detail: { field: 'reporterPhone', unitId: t.unit_id },
    });
    return { value: t.reporter_phone };
  }

  // ---- the owner portal ------------------------------------------------------------------

  async ownerCancel(actor: Actor, auth: AuthContext, id: number, reason: string | null) {
    const t = await this.require(this.db, auth, id);
    if (t.reporter_user_id !== auth.user.id || !reporterMayCancel(t.status as Status)) throw conflict('conflict.notReporter');
    return this.db.transaction().execute((trx) => this.step(trx, actor, t, 'cancel', reason ? { note: reason } : { noteMsg: { key: 'note.ownerCancel' } }, auth));
  }

  async ownerConfirm(actor: Actor, auth: AuthContext, id: number) {
    const t = await this.require(this.db, auth, id);
    return this.db.transaction().execute((trx) => this.step(trx, actor, t, 'confirm', { noteMsg: { key: 'note.ownerConfirm' } }, auth));
  }

  /** The resident's rating in the portal: the same rule as the return visit call (`scored`). */
  async rate(actor: Actor, auth: AuthContext, id: number, score: number, comment: string | null) {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const t = await this.require(trx, auth, id);
      if (!['resolved', 'confirmed', 'closed'].includes(t.status)) throw conflict('conflict.notRateable');
      await trx.updateTable('tickets').set({ rating: score, rating_comment: comment, updated_at: this.now().toISOString() }).where('id', '=', id).execute();
      const noteMsg: Msg = comment ? { key: 'note.scoreComment', params: { score, comment } } : { key: 'note.score', params: { score } };
      await repo.insertEvent(trx, { estate_id: t.estate_id, ticket_id: id, at: this.now().toISOString(), actor_id: actor.id, actor_name: actor.displayName ?? actor.name, kind: 'rate', from_status: null, to_status: null, note: noteOf({ noteMsg }), internal: 0, data: fromJson({ note: noteMsg }) });
      return this.scored(trx, actor, { ...t, rating: score }, score, comment ? { note: comment } : { noteMsg: { key: 'note.ratingScore', params: { score } } }, auth, 'rating');
    });
    await this.notifications.deliver(outcome.notified, outcome.title, outcome.body);
    return outcome;
  }

}
