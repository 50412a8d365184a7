import type { AccountKind, Role } from '../domain/roles.js';

/** The signed-in user as the policy module sees them. */
export interface Actor {
  userId: string;
  kind: AccountKind;
  role: Role;
  organisationId: string;
  municipalityIds: string[];
  /** Regions of the user's organisation and municipalities: the scope of what they may administer. */
  regionIds: string[];
  isDemo: boolean;
  /** The per-organisation editor right for the sociale kaart and smoelenboek of their own organisation. */
  directoryEditor: boolean;
  /** The per-organisation intake right: handles the organisation's incoming referrals in her municipalities. */
  intakeRight: boolean;
  /** True once the session passed the second factor, or when 2FA does not apply to this user. */
  mfaSatisfied: boolean;
}

/** Where a request came from, for the access log (NEN 7513 "access point"). */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}
