import { eq } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { municipalities } from '../../db/schema.js';
import { assertMayMonitor } from '../../policy.js';

/**
 * The municipality an evaluation request is about, once the policy allows the actor to monitor it (policy officers
 * and coordinators of the municipality, admins of its region); anyone else gets 404. Shared by the monitor, the
 * surveys and the evaluation registers, which serve the same people.
 */
export async function monitoredMunicipality(db: DbOrTx, actor: Actor, municipalityId: string) {
  const [m] = await db
    .select({ id: municipalities.id, regionId: municipalities.regionId, name: municipalities.name, cbsCode: municipalities.cbsCode })
    .from(municipalities)
    .where(eq(municipalities.id, municipalityId));
  assertMayMonitor(actor, m);
  return m;
}
