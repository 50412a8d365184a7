/** The monitor: aggregates for policy officers, coordinators and the region's admins. */
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';

/**
 * Who sees the monitor of a municipality: its policy officers and hub coordinators, and admins of its region. They
 * see aggregates only, with small numbers suppressed; professionals get 404.
 */
export function assertMayMonitor(actor: Actor, m: { id: string; regionId: string } | null | undefined): asserts m {
  if (!m || actor.kind !== 'staff') throw new AppError('not_found');
  if ((actor.role === 'policy' || actor.role === 'coordinator') && actor.municipalityIds.includes(m.id)) return;
  if (actor.role === 'admin' && actor.regionIds.includes(m.regionId)) return;
  throw new AppError('not_found');
}

/**
 * Who sees a region's figures and the comparison between its municipalities: anyone who may monitor one of its
 * municipalities (policy officers and coordinators there) and the region's admins. Everything they see there is a
 * suppressed aggregate; municipalities compare themselves with their neighbours as they do in public benchmarks.
 */
export function assertMayMonitorRegion(actor: Actor, region: { id: string; municipalityIds: string[] } | null | undefined): asserts region {
  if (!region || actor.kind !== 'staff') throw new AppError('not_found');
  if (actor.role === 'admin' && actor.regionIds.includes(region.id)) return;
  if ((actor.role === 'policy' || actor.role === 'coordinator') && region.municipalityIds.some((m) => actor.municipalityIds.includes(m))) return;
  throw new AppError('not_found');
}
