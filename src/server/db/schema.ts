import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, inet, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ACCESS_EVENT_TYPES, ACCESS_OUTCOMES } from '../../domain/access-log.js';
import { ORGANISATION_TYPES } from '../../domain/organisations.js';
import { ACCOUNT_KINDS, ROLES } from '../../domain/roles.js';

export const roleEnum = pgEnum('role', ROLES);
export const accountKindEnum = pgEnum('account_kind', ACCOUNT_KINDS);
export const organisationTypeEnum = pgEnum('organisation_type', ORGANISATION_TYPES);
export const accessEventTypeEnum = pgEnum('access_event_type', ACCESS_EVENT_TYPES);
export const accessOutcomeEnum = pgEnum('access_outcome', ACCESS_OUTCOMES);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

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
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
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
