import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { healthMeasurements, questionnaireResponses, questionnaires } from '../../db/schema.js';

export type QuestionnaireRow = typeof questionnaires.$inferSelect;

export async function listQuestionnaires(db: DbOrTx, includeInactive = false) {
  return db
    .select()
    .from(questionnaires)
    .where(includeInactive ? undefined : eq(questionnaires.active, true))
    .orderBy(asc(questionnaires.nameNl));
}

export async function findQuestionnaire(db: DbOrTx, id: string) {
  const [row] = await db.select().from(questionnaires).where(eq(questionnaires.id, id));
  return row ?? null;
}

export async function insertQuestionnaire(tx: DbOrTx, q: typeof questionnaires.$inferInsert) {
  const [row] = await tx.insert(questionnaires).values(q).returning();
  return row!;
}

export async function updateQuestionnaire(tx: DbOrTx, id: string, version: number, patch: Partial<typeof questionnaires.$inferInsert>) {
  const [row] = await tx
    .update(questionnaires)
    .set({ ...patch, version: sql`${questionnaires.version} + 1`, updatedAt: new Date() })
    .where(and(eq(questionnaires.id, id), eq(questionnaires.version, version)))
    .returning();
  return row ?? null;
}

export async function insertResponse(tx: DbOrTx, r: typeof questionnaireResponses.$inferInsert) {
  const [row] = await tx.insert(questionnaireResponses).values(r).returning();
  return row!;
}

/** Screening results stay with the recording organisation; a hub coordinator sees them all. */
const scope = (col: typeof questionnaireResponses.organisationId | typeof healthMeasurements.organisationId, organisationId: string, coordinator: boolean) =>
  coordinator ? undefined : eq(col, organisationId);

export async function responsesOf(db: DbOrTx, personId: string, organisationId: string, coordinator: boolean) {
  return db
    .select({ response: questionnaireResponses, nameNl: questionnaires.nameNl, nameEn: questionnaires.nameEn })
    .from(questionnaireResponses)
    .innerJoin(questionnaires, eq(questionnaires.id, questionnaireResponses.questionnaireId))
    .where(and(eq(questionnaireResponses.personId, personId), scope(questionnaireResponses.organisationId, organisationId, coordinator)))
    .orderBy(desc(questionnaireResponses.recordedAt));
}

export async function insertMeasurement(tx: DbOrTx, m: typeof healthMeasurements.$inferInsert) {
  const [row] = await tx.insert(healthMeasurements).values(m).returning();
  return row!;
}

export async function measurementsOf(db: DbOrTx, personId: string, organisationId: string, coordinator: boolean) {
  return db
    .select()
    .from(healthMeasurements)
    .where(and(eq(healthMeasurements.personId, personId), scope(healthMeasurements.organisationId, organisationId, coordinator)))
    .orderBy(asc(healthMeasurements.measuredOn), asc(healthMeasurements.createdAt));
}
