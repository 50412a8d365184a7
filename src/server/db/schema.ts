import { getTableColumns, sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  inet,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ACCESS_EVENT_TYPES, ACCESS_OUTCOMES } from '../../domain/access-log.js';
import { ACCESS_TYPES, COST_TYPES, type OpeningHours } from '../../domain/directory.js';
import { ORGANISATION_TYPES } from '../../domain/organisations.js';
import { ACCOUNT_KINDS, ROLES } from '../../domain/roles.js';

export const roleEnum = pgEnum('role', ROLES);
export const accountKindEnum = pgEnum('account_kind', ACCOUNT_KINDS);
export const organisationTypeEnum = pgEnum('organisation_type', ORGANISATION_TYPES);
export const accessEventTypeEnum = pgEnum('access_event_type', ACCESS_EVENT_TYPES);
export const accessOutcomeEnum = pgEnum('access_outcome', ACCESS_OUTCOMES);
export const costTypeEnum = pgEnum('cost_type', COST_TYPES);
export const accessTypeEnum = pgEnum('access_type', ACCESS_TYPES);

/** Maintained by triggers (migration 0004) from the record and its organisation/programme names; never written by the app. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** "Last confirmed on … by …": every directory record carries it; an edit confirms too. */
const freshness = () => ({
  lastConfirmedAt: timestamp('last_confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  lastConfirmedById: uuid('last_confirmed_by_id'),
});

export const regions = pgTable('regions', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  ...timestamps,
});

export const municipalities = pgTable(
  'municipalities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    name: text('name').notNull(),
    /** CBS municipality code, e.g. GM0928 for Kerkrade. */
    cbsCode: text('cbs_code'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('municipalities_name_uq').on(sql`lower(${t.name})`), index('municipalities_region_idx').on(t.regionId)],
);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    name: text('name').notNull(),
    type: organisationTypeEnum('type').notNull(),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    description: text('description'),
    /** Chamber of Commerce number (KvK, 8 digits) and AGB code (Vektis, 8 digits) — carried in HSDS organization_identifiers. */
    kvkNumber: text('kvk_number'),
    agbCode: text('agb_code'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...freshness(),
    ...timestamps,
  },
  (t) => [uniqueIndex('organisations_region_name_uq').on(t.regionId, sql`lower(${t.name})`), index('organisations_region_idx').on(t.regionId)],
);

/**
 * Accounts. Staff accounts carry a role and an organisation; client (parent) accounts will carry neither,
 * which the check constraint already allows — see docs/decisions/003-identity-model.md.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: accountKindEnum('kind').notNull().default('staff'),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: roleEnum('role'),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** TOTP secret, AES-256-GCM encrypted with the deployment key. */
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    totpPendingSecretEnc: text('totp_pending_secret_enc'),
    /** Last accepted TOTP time step: a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    isDemo: boolean('is_demo').notNull().default(false),
    /** The per-organisation editor right: may maintain their own organisation's directory entries and people cards. */
    directoryEditor: boolean('directory_editor').notNull().default(false),
    language: text('language').notNull().default('nl'),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
    index('users_organisation_idx').on(t.organisationId),
    check('users_staff_has_role', sql`${t.kind} <> 'staff' OR (${t.role} IS NOT NULL AND ${t.organisationId} IS NOT NULL)`),
  ],
);

export const userMunicipalities = pgTable(
  'user_municipalities',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.municipalityId] }), index('user_municipalities_municipality_idx').on(t.municipalityId)],
);

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    mfaVerified: boolean('mfa_verified').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Failed sign-in counter per e-mail address (hashed), kept for addresses with and without an account
 * so that a lockout does not reveal whether an account exists.
 */
export const loginThrottle = pgTable('login_throttle', {
  keyHash: text('key_hash').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** NEN 7513 access log. Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE. */
export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    eventType: accessEventTypeEnum('event_type').notNull(),
    outcome: accessOutcomeEnum('outcome').notNull().default('success'),
    userId: uuid('user_id').references(() => users.id),
    userRole: roleEnum('user_role'),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    /** The user on whose behalf the action was done, when different from the actor. */
    onBehalfOfUserId: uuid('on_behalf_of_user_id').references(() => users.id),
    /** The person (client) whose data was touched; a plain uuid until the persons module exists. */
    subjectPersonId: uuid('subject_person_id'),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    purpose: text('purpose').notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    /** Which application wrote the entry (access point). */
    application: text('application').notNull().default('knooppunt-api'),
  },
  (t) => [
    index('access_log_occurred_idx').on(t.occurredAt),
    index('access_log_user_idx').on(t.userId, t.occurredAt),
    index('access_log_subject_idx').on(t.subjectPersonId, t.occurredAt),
    index('access_log_org_idx').on(t.organisationId, t.occurredAt),
  ],
);

/** Programmes such as VoorZorg or Stevig Ouderschap, delivered by several organisations through their services. */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    website: text('website'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('programmes_name_uq').on(sql`lower(${t.name})`)],
);

export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    programmeId: uuid('programme_id').references(() => programmes.id),
    name: text('name').notNull(),
    /** The one-line description shown in search results. */
    summary: text('summary').notNull().default(''),
    description: text('description').notNull().default(''),
    eligibility: text('eligibility'),
    pregnancyFromWeek: integer('pregnancy_from_week'),
    minAgeMonths: integer('min_age_months'),
    maxAgeMonths: integer('max_age_months'),
    targetGroups: text('target_groups').array().notNull().default(sql`'{}'::text[]`),
    phases: text('phases').array().notNull().default(sql`'{}'::text[]`),
    lifeDomains: text('life_domains').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{nl}'::text[]`),
    costType: costTypeEnum('cost_type').notNull().default('free'),
    costNote: text('cost_note'),
    accessType: accessTypeEnum('access_type').notNull().default('free_access'),
    howToRefer: text('how_to_refer'),
    referralInclude: text('referral_include'),
    waitingWeeks: integer('waiting_weeks'),
    waitingStatedOn: date('waiting_stated_on', { mode: 'string' }),
    /** Within how many working days the service answers a question or referral (used by referrals). */
    responseNormWorkingDays: integer('response_norm_working_days'),
    acceptsNewClients: boolean('accepts_new_clients').notNull().default(true),
    accessibility: text('accessibility'),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    /** Shown on the public sociale kaart and in the anonymous HSDS API. */
    isPublic: boolean('is_public').notNull().default(false),
    active: boolean('active').notNull().default(true),
    searchVector: tsvector('search_vector'),
    searchText: text('search_text'),
    /** Copy of service_municipalities kept by a trigger (migration 0006), so one GIN index filters by area. */
    municipalityIds: uuid('municipality_ids').array().notNull().default(sql`'{}'::uuid[]`),
    version: integer('version').notNull().default(1),
    ...freshness(),
    ...timestamps,
  },
  (t) => [
    index('services_organisation_idx').on(t.organisationId),
    index('services_municipality_ids_idx').using('gin', t.municipalityIds),
    // The HSDS listing indexes (name order, covering organisation_id) are in migration 0009: they need INCLUDE.
    index('services_programme_idx').on(t.programmeId),
    index('services_search_idx').using('gin', t.searchVector),
    index('services_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('services_target_groups_idx').using('gin', t.targetGroups),
    index('services_phases_idx').using('gin', t.phases),
    index('services_updated_idx').on(t.updatedAt),
    check('services_age_order', sql`${t.minAgeMonths} IS NULL OR ${t.maxAgeMonths} IS NULL OR ${t.minAgeMonths} <= ${t.maxAgeMonths}`),
    check('services_waiting_nonneg', sql`${t.waitingWeeks} IS NULL OR ${t.waitingWeeks} >= 0`),
  ],
);

/** Municipalities a service serves (HSDS service_area). */
export const serviceMunicipalities = pgTable(
  'service_municipalities',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.municipalityId] }), index('service_municipalities_municipality_idx').on(t.municipalityId, t.serviceId)],
);

export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    postcode: text('postcode').notNull(),
    city: text('city').notNull(),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    openingHours: jsonb('opening_hours').$type<OpeningHours[]>().notNull().default([]),
    accessibility: text('accessibility'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...freshness(),
    ...timestamps,
  },
  (t) => [index('locations_organisation_idx').on(t.organisationId)],
);

/** A service delivered at a location (HSDS service_at_location, with its own id). */
export const serviceLocations = pgTable(
  'service_locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('service_locations_uq').on(t.serviceId, t.locationId), index('service_locations_location_idx').on(t.locationId)],
);

/** Smoelenboek cards. A card may be linked to the professional's own account, who then maintains it. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    jobTitle: text('job_title').notNull(),
    phone: text('phone'),
    email: text('email'),
    reachability: text('reachability'),
    expertise: text('expertise').array().notNull().default(sql`'{}'::text[]`),
    meetingTables: text('meeting_tables').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{nl}'::text[]`),
    photoUpdatedAt: timestamp('photo_updated_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    searchVector: tsvector('search_vector'),
    searchText: text('search_text'),
    version: integer('version').notNull().default(1),
    ...freshness(),
    ...timestamps,
  },
  (t) => [
    index('people_organisation_idx').on(t.organisationId),
    uniqueIndex('people_user_uq').on(t.userId),
    index('people_search_idx').using('gin', t.searchVector),
    index('people_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('people_expertise_idx').using('gin', t.expertise),
  ],
);

export const personMunicipalities = pgTable(
  'person_municipalities',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
  },
  (t) => [primaryKey({ columns: [t.personId, t.municipalityId] }), index('person_municipalities_municipality_idx').on(t.municipalityId)],
);

/** Re-encoded JPEG of a card's photo, kept apart so card queries never drag image bytes along. */
export const personPhotos = pgTable('person_photos', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  image: bytea('image').notNull(),
  mimeType: text('mime_type').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The people to contact for a service. */
export const serviceContacts = pgTable(
  'service_contacts',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.personId] }), index('service_contacts_person_idx').on(t.personId)],
);

/** Field-level history of directory records: who changed which field when, from what to what. */
export const recordChanges = pgTable(
  'record_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    /** 'create', 'update', 'confirm' or 'import'; a confirm has no field. */
    kind: text('kind').notNull(),
    field: text('field'),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    changedById: uuid('changed_by_id').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('record_changes_record_idx').on(t.recordType, t.recordId, t.changedAt)],
);

/** One-click "still correct" links sent with freshness reminders; only the SHA-256 of the token is stored. */
export const confirmationTokens = pgTable(
  'confirmation_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('confirmation_tokens_record_idx').on(t.recordType, t.recordId, t.createdAt)],
);

/**
 * Every e-mail Knooppunt sends is written here first, in the transaction that caused it; a sender delivers it
 * over SMTP when configured. Without SMTP it stays here for admins to read ("outbox").
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_status_idx').on(t.status, t.createdAt)],
);

/** Totals that the HSDS API pages report, kept exact by statement-level triggers (migration 0006). */
export const directoryStats = pgTable('directory_stats', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
});

// Search documents are large and only ever used inside SQL: reads select these column sets instead of the table.
const { searchVector: _serviceVector, searchText: _serviceText, ...serviceColumns } = getTableColumns(services);
const { searchVector: _personVector, searchText: _personText, ...personColumns } = getTableColumns(people);
export const serviceFields = serviceColumns;
export const personFields = personColumns;
export type Service = Omit<typeof services.$inferSelect, 'searchVector' | 'searchText'>;
export type Person = Omit<typeof people.$inferSelect, 'searchVector' | 'searchText'>;
