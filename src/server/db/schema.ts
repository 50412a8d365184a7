import { getTableColumns, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
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
import { CASE_PHASES, CLOSE_REASONS, CONSENT_DECISIONS, CONSENT_PURPOSES } from '../../domain/cases.js';
import { ACCESS_TYPES, COST_TYPES, type OpeningHours } from '../../domain/directory.js';
import type { BottleneckInput, QuickscanInput } from '../../domain/evaluation.js';
import type { PlanContent } from '../../domain/family-plan.js';
import { ORGANISATION_TYPES } from '../../domain/organisations.js';
import { HOUSEHOLD_ROLES, REGISTRATION_END_REASONS, RELATION_TYPES, SIGNAL_DECISIONS, VULNERABILITY_LEVELS } from '../../domain/persons.js';
import type { QuestionnaireDefinition, QuestionnaireScore } from '../../domain/questionnaires.js';
import { DECLINE_REASONS, REFERRAL_STATUSES } from '../../domain/referrals.js';
import { ACCOUNT_KINDS, ROLES } from '../../domain/roles.js';
import type { SurveyItem } from '../../domain/surveys.js';

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
    /** Whether the waiting time of the organisation's services is updated from actual referral outcomes. */
    shareWaitingTimes: boolean('share_waiting_times').notNull().default(false),
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
    /** The per-organisation intake right: handles incoming referrals of their organisation in their municipalities. */
    intakeRight: boolean('intake_right').notNull().default(false),
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
    /** An iCalendar invitation sent along (text/calendar, METHOD:REQUEST). */
    ics: text('ics'),
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_status_idx').on(t.status, t.createdAt)],
);

/**
 * Synonym groups of the sociale kaart search (migration 0027): a word of a group also finds the records that use
 * another word of it ("schuldhulpverlening" finds "schulden"). Seeded with a Dutch list for the field; functional
 * admins extend it. `lexemes` is the group's words as the search configuration sees them, to match a query word.
 */
export const directorySynonyms = pgTable(
  'directory_synonyms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    terms: text('terms').array().notNull(),
    /** Kept by a trigger (migration 0027). */
    lexemes: tsvector('lexemes'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [check('directory_synonyms_two_terms', sql`cardinality(${t.terms}) BETWEEN 2 AND 30`)],
);

/**
 * The words of the sociale kaart (accent-folded; from services, programme and organisation names, synonyms and
 * language names), kept by triggers (migration 0027). A query word that starts none of them is a typo: the
 * search then tries the nearest words (edit distance) instead.
 */
export const directoryWords = pgTable('directory_words', {
  word: text('word').primaryKey(),
});

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

// ─── Families, signals and involvement (issue 4) ─────────────────────────────────────────────────────────────

export const householdRoleEnum = pgEnum('household_role', HOUSEHOLD_ROLES);
export const relationTypeEnum = pgEnum('relation_type', RELATION_TYPES);
export const vulnerabilityLevelEnum = pgEnum('vulnerability_level', VULNERABILITY_LEVELS);
export const signalDecisionEnum = pgEnum('signal_decision', SIGNAL_DECISIONS);
export const registrationEndReasonEnum = pgEnum('registration_end_reason', REGISTRATION_END_REASONS);

/** A household (gezin): the unit that "who else is involved" matches on. */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    createdById: uuid('created_by_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('households_municipality_idx').on(t.municipalityId)],
);

/**
 * A household member. The BSN is never stored in clear: `bsn_hash` (HMAC) matches, `bsn_enc` (AES-256-GCM) is
 * decrypted only for users entitled to see it. Without a BSN, identity is family name + date of birth + postcode.
 */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    householdRole: householdRoleEnum('household_role').notNull(),
    givenName: text('given_name').notNull().default(''),
    familyName: text('family_name').notNull(),
    /** foldName(familyName): identity lookup without a BSN. */
    familyNameKey: text('family_name_key').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    bsnHash: text('bsn_hash'),
    bsnEnc: text('bsn_enc'),
    address: text('address'),
    postcode: text('postcode'),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    preferredLanguage: text('preferred_language'),
    interpreterNeeded: boolean('interpreter_needed').notNull().default(false),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    contactNote: text('contact_note'),
    deceasedOn: date('deceased_on', { mode: 'string' }),
    /** Set when a coordinator merged this record into another; merged records are kept for the log, never shown. */
    mergedIntoId: uuid('merged_into_id'),
    createdById: uuid('created_by_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('persons_bsn_uq').on(t.bsnHash).where(sql`${t.bsnHash} IS NOT NULL AND ${t.mergedIntoId} IS NULL`),
    index('persons_identity_idx').on(t.familyNameKey, t.dateOfBirth),
    index('persons_identity_due_idx').on(t.familyNameKey, t.dueDate),
    index('persons_household_idx').on(t.householdId),
    index('persons_municipality_idx').on(t.municipalityId),
    check('persons_birth_or_due', sql`${t.dateOfBirth} IS NOT NULL OR ${t.dueDate} IS NOT NULL`),
  ],
);

export const personRelations = pgTable(
  'person_relations',
  {
    fromPersonId: uuid('from_person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    toPersonId: uuid('to_person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    type: relationTypeEnum('type').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fromPersonId, t.toPersonId, t.type] }), index('person_relations_to_idx').on(t.toPersonId)],
);

/** The configurable code list of risk and protective factors (seeded from the domain brief, migration 0011). */
export const signalFactors = pgTable('signal_factors', {
  code: text('code').primaryKey(),
  kind: text('kind').notNull(),
  labelNl: text('label_nl').notNull(),
  labelEn: text('label_en').notNull(),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  version: integer('version').notNull().default(1),
});

/** A vulnerability signal about a household member (Signaleren), routed to the hub's intake queue. */
export const signals = pgTable(
  'signals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    signallerId: uuid('signaller_id')
      .notNull()
      .references(() => users.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    lifeDomains: text('life_domains').array().notNull(),
    riskCategories: text('risk_categories').array().notNull().default(sql`'{}'`),
    riskFactors: text('risk_factors').array().notNull().default(sql`'{}'`),
    riskFactorsNote: text('risk_factors_note'),
    protectiveFactors: text('protective_factors').array().notNull().default(sql`'{}'`),
    protectiveFactorsNote: text('protective_factors_note'),
    vulnerabilityLevel: vulnerabilityLevelEnum('vulnerability_level').notNull(),
    clientView: text('client_view').notNull(),
    discussedWithFamily: boolean('discussed_with_family').notNull(),
    notDiscussedReason: text('not_discussed_reason'),
    consentToShare: boolean('consent_to_share').notNull(),
    safetyConcern: boolean('safety_concern').notNull().default(false),
    /** In the hub's intake queue: with consent, or without it when safety is at stake (meldcode path). */
    toHub: boolean('to_hub').notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedById: uuid('acknowledged_by_id').references(() => users.id),
    decision: signalDecisionEnum('decision'),
    decisionNote: text('decision_note'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedById: uuid('decided_by_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('signals_intake_idx').on(t.municipalityId, t.createdAt).where(sql`${t.toHub}`),
    index('signals_signaller_idx').on(t.signallerId, t.createdAt),
    index('signals_person_idx').on(t.personId),
    // The monitor: a municipality's signals in a month.
    index('signals_municipality_created_idx').on(t.municipalityId, t.createdAt),
    check('signals_reason_when_not_discussed', sql`${t.discussedWithFamily} OR ${t.notDiscussedReason} IS NOT NULL`),
  ],
);

/** Configurable screening instruments (domains, items, scale, weights, threshold) — our own example content only. */
export const questionnaires = pgTable('questionnaires', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  nameNl: text('name_nl').notNull(),
  nameEn: text('name_en').notNull(),
  definition: jsonb('definition').$type<QuestionnaireDefinition>().notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  ...timestamps,
});

export const questionnaireResponses = pgTable(
  'questionnaire_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    questionnaireId: uuid('questionnaire_id')
      .notNull()
      .references(() => questionnaires.id),
    /** The definition as it was answered: a later edit of the instrument does not change old scores. */
    definition: jsonb('definition').$type<QuestionnaireDefinition>().notNull(),
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    score: jsonb('score').$type<QuestionnaireScore>().notNull(),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => users.id),
    /** Screening results stay within the recording organisation (and the hub) until consent-based sharing. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('questionnaire_responses_person_idx').on(t.personId, t.recordedAt)],
);

/** Positieve Gezondheid measurements: six scores 0–10, compared over time on the spider web. */
export const healthMeasurements = pgTable(
  'health_measurements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    measuredOn: date('measured_on', { mode: 'string' }).notNull(),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => users.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('health_measurements_person_idx').on(t.personId, t.measuredOn)],
);

/**
 * "I am involved with this person" — no reason, no content. Ended registrations stay (archive) for matching
 * history until `delete_after`, then the lifecycle job deletes them.
 */
export const involvementRegistrations = pgTable(
  'involvement_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** Copied from the person, so that household matching is one index lookup; kept in step on merge. */
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: registrationEndReasonEnum('end_reason'),
    deleteAfter: date('delete_after', { mode: 'string' }),
    informedAt: timestamp('informed_at', { withTimezone: true }),
    informedWhom: text('informed_whom').array(),
    informedHow: text('informed_how'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One active registration per professional and person: registering twice returns the existing one.
    uniqueIndex('involvement_active_uq').on(t.personId, t.userId).where(sql`${t.endedAt} IS NULL`),
    index('involvement_household_active_idx').on(t.householdId).where(sql`${t.endedAt} IS NULL`),
    index('involvement_user_idx').on(t.userId, t.createdAt),
    index('involvement_end_idx').on(t.endDate).where(sql`${t.endedAt} IS NULL`),
    index('involvement_delete_idx').on(t.deleteAfter).where(sql`${t.endedAt} IS NOT NULL`),
    index('involvement_person_idx').on(t.personId),
  ],
);

/** Two registrations of different professionals on the same person or household. One row per pair. */
export const matches = pgTable(
  'matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** The earlier registration and the one that caused the match. */
    registrationAId: uuid('registration_a_id')
      .notNull()
      .references(() => involvementRegistrations.id, { onDelete: 'cascade' }),
    registrationBId: uuid('registration_b_id')
      .notNull()
      .references(() => involvementRegistrations.id, { onDelete: 'cascade' }),
    samePerson: boolean('same_person').notNull(),
    centralContactUserId: uuid('central_contact_user_id').references(() => users.id),
    followedUpAt: timestamp('followed_up_at', { withTimezone: true }),
    followedUpById: uuid('followed_up_by_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('matches_pair_uq').on(t.registrationAId, t.registrationBId),
    index('matches_b_idx').on(t.registrationBId),
    index('matches_unfollowed_idx').on(t.createdAt).where(sql`${t.followedUpAt} IS NULL`),
    // A household's matches, and the monitor's matches of a municipality's households in a month.
    index('matches_household_created_idx').on(t.householdId, t.createdAt),
    index('matches_created_idx').on(t.createdAt),
  ],
);

/** In-app notifications; e-mail only says that there is something, never what. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    matchId: uuid('match_id').references(() => matches.id, { onDelete: 'cascade' }),
    signalId: uuid('signal_id').references(() => signals.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id').references((): AnyPgColumn => cases.id, { onDelete: 'cascade' }),
    referralId: uuid('referral_id').references((): AnyPgColumn => referrals.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id').references((): AnyPgColumn => meetings.id, { onDelete: 'cascade' }),
    /** E-mail for this notification: 'none' (off), 'queued' (sent at once), 'digest' (waits for the daily digest), 'digested'. */
    email: text('email').notNull().default('none'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt), index('notifications_digest_idx').on(t.userId).where(sql`${t.email} = 'digest'`)],
);

/** Per user and kind: e-mail at once, in the daily digest, or not at all (safety-critical kinds ignore 'off'). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    mode: text('mode').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] }), check('notification_preferences_mode', sql`${t.mode} IN ('immediate', 'digest', 'off')`)],
);

// ─── Case coordination (issue 5) ─────────────────────────────────────────────────────────────────────────────

export const casePhaseEnum = pgEnum('case_phase', CASE_PHASES);
export const closeReasonEnum = pgEnum('close_reason', CLOSE_REASONS);
export const consentPurposeEnum = pgEnum('consent_purpose', CONSENT_PURPOSES);
export const consentDecisionEnum = pgEnum('consent_decision', CONSENT_DECISIONS);

/** A case (casus) about one household, in one municipality; its client is the person it was opened for. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => persons.id),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    signalId: uuid('signal_id').references(() => signals.id),
    phase: casePhaseEnum('phase').notNull().default('signaleren'),
    phaseChangedAt: timestamp('phase_changed_at', { withTimezone: true }).notNull().defaultNow(),
    phaseBeforeClosing: casePhaseEnum('phase_before_closing'),
    closeReason: closeReasonEnum('close_reason'),
    evaluationNote: text('evaluation_note'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    openedById: uuid('opened_by_id')
      .notNull()
      .references(() => users.id),
    /** Denormalised from case_directors (kept in the same transaction): the board and work lists read it directly. */
    directorId: uuid('director_id').references(() => users.id),
    /** Since when the case has had no accepted case director (null while it has one): the escalation clock. */
    withoutDirectorSince: timestamp('without_director_since', { withTimezone: true }),
    /**
     * The monitor's milestones, kept by triggers on the timeline and the referral history (migration 0023): the
     * first contact (the case in Verkennen or Steun op maat, or a referral's first contact or help started) and
     * the start of support (Steun op maat, or help started).
     */
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    supportStartedAt: timestamp('support_started_at', { withTimezone: true }),
    /**
     * What the monitor counts about the cases active in a period, kept by triggers (migration 0024) so that a
     * country-wide count reads the cases alone: the children (born and unborn, living) in the household, the
     * goals of the latest adopted family plan by attainment, and (below) the organisations in the care team.
     */
    children: integer('children').notNull().default(0),
    goalsNotYet: integer('goals_not_yet').notNull().default(0),
    goalsPartly: integer('goals_partly').notNull().default(0),
    goalsReached: integer('goals_reached').notNull().default(0),
    /** The organisations in the care team (anyone who was ever in it), sorted: the monitor's collaboration network. */
    teamOrganisations: uuid('team_organisations').array().notNull().default(sql`'{}'`),
    regieEscalatedAt: timestamp('regie_escalated_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('cases_board_idx').on(t.municipalityId, t.phase, t.updatedAt),
    // The board's list: open cases of a municipality, most recently changed first, read straight from the index.
    index('cases_open_recent_idx').on(t.municipalityId, t.updatedAt.desc()).where(sql`${t.phase} <> 'afgesloten'`),
    index('cases_household_idx').on(t.householdId),
    // The monitor: a municipality's cases opened in a month, and everything it counts about the cases active in a
    // period and today's regie, read from the index alone (a country is 300,000 cases; the table is much wider).
    index('cases_monitor_idx').on(
      t.municipalityId,
      t.createdAt,
      t.closedAt,
      t.phase,
      t.householdId,
      t.children,
      t.goalsNotYet,
      t.goalsPartly,
      t.goalsReached,
      t.directorId,
      t.withoutDirectorSince,
    ),
    index('cases_without_director_idx').on(t.withoutDirectorSince).where(sql`${t.withoutDirectorSince} IS NOT NULL AND ${t.phase} <> 'afgesloten'`),
    // The board's counts per municipality: cases without a director, and those escalated.
    index('cases_without_director_muni_idx').on(t.municipalityId).where(sql`${t.withoutDirectorSince} IS NOT NULL AND ${t.phase} <> 'afgesloten'`),
    index('cases_escalated_idx').on(t.municipalityId).where(sql`${t.regieEscalatedAt} IS NOT NULL AND ${t.directorId} IS NULL AND ${t.phase} <> 'afgesloten'`),
    uniqueIndex('cases_signal_uq').on(t.signalId).where(sql`${t.signalId} IS NOT NULL`),
    check(
      'cases_closed_complete',
      sql`${t.phase} <> 'afgesloten' OR (${t.closeReason} IS NOT NULL AND ${t.evaluationNote} IS NOT NULL AND ${t.closedAt} IS NOT NULL)`,
    ),
  ],
);

/** The timeline: every phase change, consent event, regie change, plan version, note and care-team change. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    /** Structured facts for the presenter (phases, reason, names); no free text beyond what the actor wrote. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

/** The care team: who works with this family in this case, with their role in it. */
export const careTeamMembers = pgTable(
  'care_team_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** Null for a professional who has a smoelenboek card but no account yet (reached by mail; ADR 007). */
    userId: uuid('user_id').references(() => users.id),
    /** The smoelenboek card she was added by; when she gets an account linked to it, user_id is filled in. */
    personId: uuid('person_id').references(() => people.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    roleInCase: text('role_in_case').notNull().default(''),
    /** How they joined: 'opened' (opened the case), 'signal' (signalled), 'involvement' (registration), 'added'. */
    source: text('source').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    addedById: uuid('added_by_id').references(() => users.id),
  },
  (t) => [
    uniqueIndex('care_team_active_uq').on(t.caseId, t.userId).where(sql`${t.endedAt} IS NULL`),
    uniqueIndex('care_team_active_card_uq').on(t.caseId, t.personId).where(sql`${t.endedAt} IS NULL AND ${t.userId} IS NULL`),
    index('care_team_person_idx').on(t.personId).where(sql`${t.userId} IS NULL`),
    check('care_team_user_or_card', sql`${t.userId} IS NOT NULL OR ${t.personId} IS NOT NULL`),
    index('care_team_user_idx').on(t.userId).where(sql`${t.endedAt} IS NULL`),
    // A case's whole team, ended members too: the organisations the monitor keeps on the case.
    index('care_team_case_org_idx').on(t.caseId, t.organisationId),
  ],
);

/**
 * Consent records are appended, never changed: a withdrawal is a new record, and the latest record for a
 * recipient and purpose decides (domain/cases.ts consentState). The recipient is an organisation or one professional.
 */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    givenByPersonId: uuid('given_by_person_id')
      .notNull()
      .references(() => persons.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** When consent names one professional rather than the whole organisation. */
    userId: uuid('user_id').references(() => users.id),
    purpose: consentPurposeEnum('purpose').notNull(),
    /** For a referral: to what (a service or organisation named in words). */
    purposeDetail: text('purpose_detail'),
    decision: consentDecisionEnum('decision').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    how: text('how').notNull(),
    formName: text('form_name'),
    formType: text('form_type'),
    form: bytea('form'),
    note: text('note'),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * A given consent that names the recorder's own organisation counts only once someone else — the case director
     * or the municipality's coordinator — confirms it (`consent_confirmations`): nobody grants themselves access (ADR 015).
     */
    needsConfirmation: boolean('needs_confirmation').notNull().default(false),
  },
  (t) => [index('consents_case_idx').on(t.caseId, t.organisationId, t.purpose, t.recordedAt)],
);

/** The confirmation of a consent record that needed one; appended once, never changed (consents stay append-only). */
export const consentConfirmations = pgTable('consent_confirmations', {
  consentId: uuid('consent_id')
    .primaryKey()
    .references(() => consents.id),
  confirmedById: uuid('confirmed_by_id')
    .notNull()
    .references(() => users.id),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Casusregie and procesregie assignments. A proposal becomes current only when the proposed person accepts; the
 * partial unique indexes guarantee at most one current (and one pending) director of each kind per case.
 */
export const caseDirectors = pgTable(
  'case_directors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    proposedById: uuid('proposed_by_id').references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    note: text('note'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('case_directors_current_uq').on(t.caseId, t.kind).where(sql`${t.status} = 'current'`),
    uniqueIndex('case_directors_proposed_uq').on(t.caseId, t.kind).where(sql`${t.status} = 'proposed'`),
    index('case_directors_user_idx').on(t.userId, t.status),
    index('case_directors_case_idx').on(t.caseId, t.proposedAt),
    check('case_directors_kind', sql`${t.kind} IN ('case', 'process')`),
    check('case_directors_status', sql`${t.status} IN ('proposed', 'current', 'declined', 'withdrawn', 'ended')`),
  ],
);

/** Emergency access ("break the glass") and admin access with a reason: time-limited, logged, reviewed afterwards. */
export const emergencyAccess = pgTable(
  'emergency_access',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    review: text('review'),
    reviewNote: text('review_note'),
    reviewedById: uuid('reviewed_by_id').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [
    index('emergency_access_case_user_idx').on(t.caseId, t.userId, t.expiresAt),
    index('emergency_access_unreviewed_idx').on(t.grantedAt).where(sql`${t.review} IS NULL`),
    check('emergency_access_review', sql`${t.review} IS NULL OR ${t.review} IN ('approved', 'improper')`),
  ],
);

/**
 * Family-plan versions. One draft at a time is edited (optimistic `version`); adopting freezes it — a trigger
 * (migration 0015) refuses any change to an adopted version, so immutability does not rest on the app alone.
 */
export const familyPlans = pgTable(
  'family_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    number: integer('number').notNull(),
    status: text('status').notNull().default('draft'),
    content: jsonb('content').$type<PlanContent>().notNull(),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    adoptedAt: timestamp('adopted_at', { withTimezone: true }),
    adoptedById: uuid('adopted_by_id').references(() => users.id),
    parentsAgreed: boolean('parents_agreed'),
    parentsPresent: boolean('parents_present'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('family_plans_number_uq').on(t.caseId, t.number),
    uniqueIndex('family_plans_draft_uq').on(t.caseId).where(sql`${t.status} = 'draft'`),
    check('family_plans_status', sql`${t.status} IN ('draft', 'adopted')`),
    check(
      'family_plans_adopted_complete',
      sql`${t.status} = 'draft' OR (${t.adoptedAt} IS NOT NULL AND ${t.parentsAgreed} IS NOT NULL AND ${t.parentsPresent} IS NOT NULL)`,
    ),
  ],
);

// ─── Referrals (issue 6) ─────────────────────────────────────────────────────────────────────────────────────

export const referralStatusEnum = pgEnum('referral_status', REFERRAL_STATUSES);
export const declineReasonEnum = pgEnum('decline_reason', DECLINE_REASONS);

/**
 * A referral of a household member, from a case, to a service on the sociale kaart. The receiving organisation,
 * norm and due day are copied in when it is sent: a later change to the service's card does not move the goalposts.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    receivingOrganisationId: uuid('receiving_organisation_id')
      .notNull()
      .references(() => organisations.id),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id),
    senderOrganisationId: uuid('sender_organisation_id')
      .notNull()
      .references(() => organisations.id),
    purpose: text('purpose').notNull(),
    question: text('question').notNull(),
    urgency: text('urgency').notNull().default('normal'),
    handoverKind: text('handover_kind').notNull(),
    handoverAt: timestamp('handover_at', { withTimezone: true }),
    handoverNote: text('handover_note'),
    status: referralStatusEnum('status').notNull().default('sent'),
    declineReason: declineReasonEnum('decline_reason'),
    /** The receiver's explanation of a decline; required for the reason "other". */
    declineNote: text('decline_note'),
    /** A new referral made after this one was declined or the client could not be reached: the earlier one. */
    previousReferralId: uuid('previous_referral_id').references((): AnyPgColumn => referrals.id),
    expectedStart: date('expected_start', { mode: 'string' }),
    normWorkingDays: integer('norm_working_days').notNull(),
    /** The last Dutch calendar day on which an answer (accept or decline) is in time. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredById: uuid('answered_by_id').references(() => users.id),
    helpStartedAt: timestamp('help_started_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The incoming board: an organisation's open referrals, by due day.
    index('referrals_incoming_idx')
      .on(t.receivingOrganisationId, t.status, t.dueOn)
      .where(sql`${t.status} IN ('sent', 'received', 'accepted', 'waiting_list', 'first_contact')`),
    index('referrals_case_idx').on(t.caseId, t.sentAt),
    // The monitor: referrals sent in a month, everywhere (when many municipalities' months are read live).
    index('referrals_sent_idx').on(t.sentAt),
    index('referrals_sender_idx').on(t.senderId, t.sentAt),
    // The escalation job: unanswered referrals past their due day, not yet escalated.
    index('referrals_due_idx').on(t.dueOn).where(sql`${t.status} IN ('sent', 'received') AND ${t.escalatedAt} IS NULL`),
    // The waiting time that flows back to the sociale kaart.
    index('referrals_service_started_idx').on(t.serviceId, t.helpStartedAt).where(sql`${t.helpStartedAt} IS NOT NULL`),
    check('referrals_declined_reason', sql`${t.status} <> 'declined' OR ${t.declineReason} IS NOT NULL`),
    check('referrals_other_reason_explained', sql`${t.declineReason} IS DISTINCT FROM 'other' OR ${t.declineNote} IS NOT NULL`),
    // A referral made again after a decline: at most one follow-up per referral, found from either side.
    uniqueIndex('referrals_previous_idx').on(t.previousReferralId).where(sql`${t.previousReferralId} IS NOT NULL`),
    check('referrals_handover_kind', sql`${t.handoverKind} IN ('joint_visit', 'introduction_call')`),
    check('referrals_urgency', sql`${t.urgency} IN ('normal', 'soon', 'urgent')`),
    check('referrals_norm_positive', sql`${t.normWorkingDays} > 0`),
  ],
);

/** The closed loop's history: every status change, who made it and when. Append-only (migration 0018). */
export const referralEvents = pgTable(
  'referral_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    fromStatus: referralStatusEnum('from_status'),
    toStatus: referralStatusEnum('to_status').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('referral_events_referral_idx').on(t.referralId, t.at)],
);

/** What the referral carries from the case: an adopted plan version or a note, only with consent for the receiver. */
export const referralAttachments = pgTable(
  'referral_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    kind: text('kind').notNull(),
    planId: uuid('plan_id').references(() => familyPlans.id),
    eventId: uuid('event_id').references(() => caseEvents.id),
  },
  (t) => [
    index('referral_attachments_referral_idx').on(t.referralId),
    check('referral_attachments_kind', sql`(${t.kind} = 'family_plan' AND ${t.planId} IS NOT NULL) OR (${t.kind} = 'note' AND ${t.eventId} IS NOT NULL)`),
  ],
);

// ─── Meetings (issue 6) ──────────────────────────────────────────────────────────────────────────────────────

/** A recurring consultation (overlegtafel): an RTO, an MDO, an Ondersteuningsteam Plus at a school. */
export const meetingTables = pgTable(
  'meeting_tables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    chairId: uuid('chair_id')
      .notNull()
      .references(() => users.id),
    place: text('place').notNull().default(''),
    description: text('description').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('meeting_tables_municipality_idx').on(t.municipalityId)],
);

/** Standing members of a table: an organisation, or one professional in it. */
export const meetingTableMembers = pgTable(
  'meeting_table_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tableId: uuid('table_id')
      .notNull()
      .references(() => meetingTables.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').references(() => users.id),
  },
  (t) => [index('meeting_table_members_table_idx').on(t.tableId)],
);

/**
 * One meeting of a table. An exclusion constraint (migration 0019) keeps one chair from two overlapping meetings;
 * adopted minutes are frozen by a trigger, corrections go in addenda.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tableId: uuid('table_id')
      .notNull()
      .references(() => meetingTables.id),
    chairId: uuid('chair_id')
      .notNull()
      .references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    videoUrl: text('video_url'),
    status: text('status').notNull().default('scheduled'),
    minutesAdoptedAt: timestamp('minutes_adopted_at', { withTimezone: true }),
    minutesAdoptedById: uuid('minutes_adopted_by_id').references(() => users.id),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('meetings_table_idx').on(t.tableId, t.startsAt),
    check('meetings_status', sql`${t.status} IN ('scheduled', 'cancelled', 'adopted')`),
    check('meetings_end_after_start', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Who is invited to a meeting (standing members' professionals and extra invitees), with their organisation. */
export const meetingInvitees = pgTable(
  'meeting_invitees',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index('meeting_invitees_user_idx').on(t.userId)],
);

/**
 * Invitees known only by their smoelenboek card (no account yet): invited by mail with the .ics, they see nothing
 * in the app. When she gets an account linked to the card, the row moves to meeting_invitees (migration 0029).
 */
export const meetingCardInvitees = pgTable(
  'meeting_card_invitees',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] }), index('meeting_card_invitees_person_idx').on(t.personId)],
);

/**
 * An agenda item: a case, a free item, or an anonymised consultation (a pseudonym and a summary, no identifying
 * data) that its owner can later link to a real case. `open` items of a household drive the double-discussion check.
 */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    /** Denormalised from the case: the double-discussion check reads one index. */
    householdId: uuid('household_id').references(() => households.id),
    title: text('title'),
    pseudonym: text('pseudonym'),
    summary: text('summary'),
    linkedCaseId: uuid('linked_case_id').references(() => cases.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    parentsInvited: boolean('parents_invited').notNull().default(false),
    doubleDiscussionConfirmed: boolean('double_discussion_confirmed').notNull().default(false),
    /** Open until the meeting's minutes are adopted or the meeting is cancelled. */
    open: boolean('open').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('agenda_items_meeting_idx').on(t.meetingId, t.position),
    index('agenda_items_open_household_idx').on(t.householdId).where(sql`${t.open} AND ${t.householdId} IS NOT NULL`),
    uniqueIndex('agenda_items_case_uq').on(t.meetingId, t.caseId).where(sql`${t.caseId} IS NOT NULL`),
    check('agenda_items_kind', sql`${t.kind} IN ('case', 'free', 'anonymous')`),
    check(
      'agenda_items_complete',
      sql`(${t.kind} = 'case' AND ${t.caseId} IS NOT NULL) OR (${t.kind} = 'free' AND ${t.title} IS NOT NULL) OR (${t.kind} = 'anonymous' AND ${t.pseudonym} IS NOT NULL AND ${t.summary} IS NOT NULL AND ${t.caseId} IS NULL)`,
    ),
  ],
);

export interface MinutesAction {
  what: string;
  ownerKind: 'professional' | 'family';
  ownerUserId: string | null;
  ownerPersonId: string | null;
  dueDate: string | null;
}

/** Minutes per agenda item; frozen with the meeting's adoption (trigger, migration 0019). */
export const agendaMinutes = pgTable('agenda_minutes', {
  itemId: uuid('item_id')
    .primaryKey()
    .references(() => agendaItems.id),
  meetingId: uuid('meeting_id')
    .notNull()
    .references(() => meetings.id),
  summary: text('summary').notNull().default(''),
  decisions: text('decisions').notNull().default(''),
  actions: jsonb('actions').$type<MinutesAction[]>().notNull().default([]),
  regieHolderId: uuid('regie_holder_id').references(() => users.id),
  parentsPresent: boolean('parents_present').notNull().default(false),
  writtenById: uuid('written_by_id')
    .notNull()
    .references(() => users.id),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Corrections to adopted minutes: appended, never changed. */
export const minutesAddenda = pgTable(
  'minutes_addenda',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: uuid('item_id').references(() => agendaItems.id),
    text: text('text').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('minutes_addenda_meeting_idx').on(t.meetingId, t.at)],
);

/** The parents' experience after a meeting they attended: a one-time link (token hash), three questions. */
export const meetingExperiences = pgTable(
  'meeting_experiences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    tableId: uuid('table_id')
      .notNull()
      .references(() => meetingTables.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => agendaItems.id),
    tokenHash: text('token_hash').notNull(),
    heard: text('heard'),
    clearWhoHelps: text('clear_who_helps'),
    better: text('better'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_experiences_token_uq').on(t.tokenHash), index('meeting_experiences_table_idx').on(t.tableId)],
);

/** Double-discussion warnings and what the person did: 'warned' then 'confirmed', or only 'warned' (cancelled). */
export const doubleDiscussionWarnings = pgTable(
  'double_discussion_warnings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    outcome: text('outcome').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('double_discussion_warnings_at_idx').on(t.at),
    index('double_discussion_warnings_case_idx').on(t.caseId, t.at),
    check('double_discussion_outcome', sql`${t.outcome} IN ('warned', 'confirmed')`),
  ],
);

/**
 * The calendar with a running count of Dutch working days, so that SQL can compute working days between two dates
 * as a difference of two lookups. Filled from date-holidays at start-up (`syncCalendar`), the same source as the
 * app's own working-day rule.
 */
export const calendarDays = pgTable('calendar_days', {
  day: date('day').primaryKey(),
  workingDay: boolean('working_day').notNull(),
  /** Working days from the start of the calendar up to and including this day. */
  workingIndex: integer('working_index').notNull(),
});

/**
 * The monitor's event figures per municipality and Dutch calendar month, as the live statement computes them
 * (`monitor.facts.ts`): counts by key, and histograms of working days (the value in `k`) so that medians and
 * percentiles stay exact when months and municipalities are added up. A cell (municipality, month) is recomputed
 * whole from the base tables when it is dirty; readers never trust a dirty cell (ADR 012).
 */
export const monitorFacts = pgTable(
  'monitor_facts',
  {
    municipalityId: uuid('municipality_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    metric: text('metric').notNull(),
    k: text('k').notNull().default(''),
    k2: text('k2').notNull().default(''),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.month, t.metric, t.k, t.k2] }),
    // Wide scopes (a region, the country) read some metrics of every municipality in a run of months, index only.
    index('monitor_facts_month_metric_idx').on(t.month, t.metric, t.municipalityId, t.k, t.k2, t.n),
  ],
);

/**
 * Cells of `monitor_facts` whose base rows changed since they were computed, appended by statement triggers on every
 * table the figures read (migration 0024) in the transaction of the change; the refresh job recomputes and clears
 * them. Append-only without a key, so writers never wait on each other here.
 */
export const monitorDirty = pgTable(
  'monitor_dirty',
  {
    municipalityId: uuid('municipality_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
  },
  (t) => [index('monitor_dirty_cell_idx').on(t.municipalityId, t.month)],
);

/** A collaboration survey of a municipality's network, with its items (our template or the coordinator's own). */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    title: text('title').notNull(),
    items: jsonb('items').$type<SurveyItem[]>().notNull(),
    createdById: uuid('created_by_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('surveys_municipality_idx').on(t.municipalityId)],
);

/** One measurement of a survey (nulmeting, tussenmeting, eindmeting) with its anonymous link. */
export const surveyRounds = pgTable(
  'survey_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    measurement: text('measurement').notNull(),
    /** The link's secret. Not a credential of a person: anyone with the link may answer, anonymously. */
    token: text('token').notNull(),
    closesOn: date('closes_on'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('survey_rounds_token_uq').on(t.token),
    uniqueIndex('survey_rounds_measurement_uq').on(t.surveyId, t.measurement),
    check('survey_rounds_measurement', sql`${t.measurement} IN ('baseline', 'interim', 'final')`),
  ],
);

/** An anonymous answer: no user, no address, no time beyond the day — nothing that ties it to a person. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => surveyRounds.id),
    answers: jsonb('answers').$type<Record<string, string>>().notNull(),
    answeredOn: date('answered_on').notNull(),
  },
  (t) => [index('survey_responses_round_idx').on(t.roundId)],
);

/** The bottleneck register (knelpunten) of a municipality's network, with improvement actions and their owners. */
export const bottlenecks = pgTable(
  'bottlenecks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    phase: text('phase').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    partnersNamed: integer('partners_named').notNull(),
    source: text('source').notNull(),
    status: text('status').notNull().default('open'),
    actions: jsonb('actions').$type<BottleneckInput['actions']>().notNull().default([]),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('bottlenecks_municipality_idx').on(t.municipalityId, t.phase),
    check('bottlenecks_phase', sql`${t.phase} IN ('signaleren', 'verkennen', 'steun_op_maat', 'samenwerking')`),
    check('bottlenecks_partners', sql`${t.partnersNamed} >= 1`),
  ],
);

/** An Integrale Vroeghulp quickscan of a municipality: building blocks and quality criteria on a date. */
export const quickscans = pgTable(
  'quickscans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    conductedOn: date('conducted_on').notNull(),
    blocks: jsonb('blocks').$type<QuickscanInput['blocks']>().notNull(),
    criteria: jsonb('criteria').$type<QuickscanInput['criteria']>().notNull(),
    note: text('note'),
    createdById: uuid('created_by_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [index('quickscans_municipality_idx').on(t.municipalityId, t.conductedOn)],
);

/** A municipality's population figures for the demand estimate: entered, or imported from a CBS StatLine table. */
export const municipalityPopulation = pgTable('municipality_population', {
  municipalityId: uuid('municipality_id')
    .primaryKey()
    .references(() => municipalities.id),
  referenceYear: integer('reference_year').notNull(),
  inhabitants: integer('inhabitants').notNull(),
  children0to7: integer('children_0_7'),
  prevalence: doublePrecision('prevalence').notNull().default(0.01),
  source: text('source').notNull(),
  updatedById: uuid('updated_by_id').references(() => users.id),
  version: integer('version').notNull().default(1),
  ...timestamps,
});

/** The agreements register (afsprakenkader): who agreed what, at which level, who leads, until when. */
export const agreements = pgTable(
  'agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityId: uuid('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    level: text('level').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    parties: text('parties').array().notNull(),
    lead: text('lead').notNull(),
    budgetEuros: integer('budget_euros'),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to'),
    reviewOn: date('review_on').notNull(),
    block: text('block'),
    /** The review date the last reminder was sent for; a new review date arms the reminder again. */
    remindedFor: date('reminded_for'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('agreements_municipality_idx').on(t.municipalityId, t.reviewOn),
    check('agreements_level', sql`${t.level} IN ('strategic', 'tactical', 'operational')`),
  ],
);
