/** A figure, or "<10" where it stands for fewer than ten. */
export const shown = (v: number | null) => (v === null ? '<10' : String(v));
/** A share as a whole percentage, or "<10" where it is suppressed. */
export const percent = (v: number | null) => (v === null ? '<10' : `${Math.round(v * 100)}%`);
